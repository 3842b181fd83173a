package io.offgridflow.xbrl;

import java.util.List;
import javax.xml.namespace.QName;

/**
 * An {@code xbrli:context}: entity, duration period and explicit dimension members, which always go
 * in {@code xbrli:scenario} (never in the segment).
 *
 * <pre>{@code
 * new XbrlContext("c-fy", entity, ReportingPeriod.year(2024), List.of());
 * }</pre>
 *
 * @param id the context id facts refer to
 * @param entity the reporting entity
 * @param period the duration
 * @param scenario explicit members, empty for the default context
 */
public record XbrlContext(String id, EntityIdentifier entity, ReportingPeriod period, List<Member> scenario) {
  public XbrlContext {
    scenario = List.copyOf(scenario);
  }

  /**
   * An explicit dimension member.
   *
   * @param dimension the axis
   * @param member the domain member
   */
  public record Member(QName dimension, QName member) {}
}
