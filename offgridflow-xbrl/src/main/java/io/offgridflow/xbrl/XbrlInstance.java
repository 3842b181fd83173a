package io.offgridflow.xbrl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An XBRL 2.1 instance as data: the taxonomy entry point, namespace prefixes, contexts, units and
 * facts. {@link XbrlReporter#toInstance} builds one from a {@link GhgReport}; {@link
 * XbrlReporter#writeXbrl(XbrlInstance, java.io.OutputStream)} serialises any instance.
 *
 * <pre>{@code
 * XbrlInstance inst = reporter.toInstance(report);
 * inst.facts().size();
 * }</pre>
 *
 * @param schemaRef the taxonomy entry point
 * @param namespaces prefix to namespace URI, for the document's declarations (beyond the XBRL ones)
 * @param contexts the contexts
 * @param units the units
 * @param facts the facts, in document order
 */
public record XbrlInstance(
    String schemaRef,
    Map<String, String> namespaces,
    List<XbrlContext> contexts,
    List<XbrlUnit> units,
    List<Fact> facts) {
  public XbrlInstance {
    namespaces = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(namespaces));
    contexts = List.copyOf(contexts);
    units = List.copyOf(units);
    facts = List.copyOf(facts);
  }
}
