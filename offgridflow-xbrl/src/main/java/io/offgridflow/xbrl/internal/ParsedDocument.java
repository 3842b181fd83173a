package io.offgridflow.xbrl.internal;

import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.jspecify.annotations.Nullable;

/**
 * What the validator checks, read from an instance or an Inline XBRL document alike.
 *
 * @param schemaRefs the taxonomy entry points referenced
 * @param contexts contexts by id
 * @param units units by id
 * @param facts facts in document order
 */
public record ParsedDocument(
    List<String> schemaRefs, Map<String, Context> contexts, Map<String, Unit> units, List<ParsedFact> facts) {

  /**
   * A context.
   *
   * @param period {@code start/end}, an instant date, or {@code forever}
   * @param instant whether the period is an instant
   * @param segment explicit members found in xbrli:segment (they should be in the scenario)
   * @param scenario explicit members in xbrli:scenario
   */
  public record Context(String id, String scheme, String identifier, String period, boolean instant,
      List<Member> segment, List<Member> scenario) {
    /** Contexts with the same key are the same context for duplicate and calculation checks. */
    public String equivalenceKey() {
      List<String> dims = scenario.stream().map(m -> m.dimension() + "=" + m.member()).sorted().toList();
      List<String> seg = segment.stream().map(m -> m.dimension() + "=" + m.member()).sorted().toList();
      return scheme + "|" + identifier + "|" + period + "|" + seg + "|" + dims;
    }

    /** The same context without dimensions: where totals of a breakdown are reported. */
    public String undimensionedKey() {
      return scheme + "|" + identifier + "|" + period;
    }
  }

  /** An explicit dimension member. */
  public record Member(QName dimension, QName member) {}

  /** A unit: measures, or numerator over denominator. */
  public record Unit(String id, List<QName> numerator, List<QName> denominator) {
    public String equivalenceKey() {
      return numerator.stream().map(QName::toString).sorted().toList() + "/"
          + denominator.stream().map(QName::toString).sorted().toList();
    }
  }

  /**
   * A fact.
   *
   * @param numeric whether it is numeric (ix:nonFraction, or an instance item with a unitRef or a
   *     numeric concept)
   * @param value the normalised value: the number for numerics, the text (or markup) otherwise
   * @param location where the fact is, for messages
   */
  public record ParsedFact(QName concept, @Nullable String contextRef, @Nullable String unitRef,
      @Nullable String decimals, @Nullable String precision, boolean numeric, boolean nil, String value,
      String location) {}
}
