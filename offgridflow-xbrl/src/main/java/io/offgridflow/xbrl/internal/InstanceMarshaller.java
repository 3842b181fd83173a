package io.offgridflow.xbrl.internal;

import io.offgridflow.xbrl.Fact;
import io.offgridflow.xbrl.XbrlContext;
import io.offgridflow.xbrl.XbrlErrorCode;
import io.offgridflow.xbrl.XbrlException;
import io.offgridflow.xbrl.XbrlInstance;
import io.offgridflow.xbrl.XbrlUnit;
import io.offgridflow.xbrl.internal.jaxb.XbrlElements;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamWriter;
import org.glassfish.jaxb.runtime.marshaller.NamespacePrefixMapper;

/**
 * Writes an {@link XbrlInstance} with JAXB. The context is created once (it costs a few hundred
 * milliseconds) and shared; marshallers are cheap and made per document, as JAXB requires for
 * thread safety. Every namespace is declared on the root with a fixed prefix, because measures and
 * explicit members are QNames in element content, which must resolve against in-scope prefixes.
 */
public final class InstanceMarshaller {
  private static final String PREFIX_MAPPER = "org.glassfish.jaxb.namespacePrefixMapper";

  private final JAXBContext context;

  public InstanceMarshaller() {
    try {
      context = JAXBContext.newInstance(XbrlElements.Xbrl.class, XbrlElements.NumericFact.class,
          XbrlElements.TextFact.class);
    } catch (JAXBException e) {
      throw new XbrlException(XbrlErrorCode.WRITE_FAILED, "cannot set up the JAXB context: " + e, e);
    }
  }

  public void write(XbrlInstance instance, OutputStream out) {
    try {
      Marshaller m = context.createMarshaller();
      m.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, Boolean.TRUE);
      m.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
      m.setProperty(PREFIX_MAPPER, new Prefixes(instance.namespaces()));
      m.marshal(bind(instance), out);
    } catch (JAXBException e) {
      throw new XbrlException(XbrlErrorCode.WRITE_FAILED, "cannot write the XBRL instance: " + describe(e), e);
    }
  }

  /**
   * Writes the instance's contexts and units into an Inline XBRL header being written by {@code
   * out}: the same bindings as the instance, so both documents carry identical contexts.
   */
  public void writeContextsAndUnits(XbrlInstance instance, XMLStreamWriter out) {
    try {
      Marshaller m = context.createMarshaller();
      m.setProperty(Marshaller.JAXB_FRAGMENT, Boolean.TRUE);
      m.setProperty(PREFIX_MAPPER, new Prefixes(instance.namespaces()));
      XbrlElements.Xbrl bound = bind(new XbrlInstance(instance.schemaRef(), instance.namespaces(),
          instance.contexts(), instance.units(), List.of()));
      for (XbrlElements.Context c : bound.contexts()) {
        m.marshal(new JAXBElement<>(new QName(XbrlNames.XBRLI, "context"), XbrlElements.Context.class, c), out);
      }
      for (XbrlElements.Unit u : bound.units()) {
        m.marshal(new JAXBElement<>(new QName(XbrlNames.XBRLI, "unit"), XbrlElements.Unit.class, u), out);
      }
    } catch (JAXBException e) {
      throw new XbrlException(XbrlErrorCode.WRITE_FAILED, "cannot write the Inline XBRL header: " + describe(e), e);
    }
  }

  private static String describe(JAXBException e) {
    Throwable cause = e.getLinkedException() != null ? e.getLinkedException() : e.getCause();
    return e.getMessage() != null ? e.getMessage() : String.valueOf(cause);
  }

  private static XbrlElements.Xbrl bind(XbrlInstance instance) {
    List<XbrlElements.Context> contexts = new ArrayList<>(instance.contexts().size());
    for (XbrlContext c : instance.contexts()) {
      XbrlElements.Scenario scenario = null;
      if (!c.scenario().isEmpty()) {
        List<XbrlElements.ExplicitMember> members = new ArrayList<>();
        for (XbrlContext.Member m : c.scenario()) {
          members.add(new XbrlElements.ExplicitMember(m.dimension(), m.member()));
        }
        scenario = new XbrlElements.Scenario(members);
      }
      contexts.add(new XbrlElements.Context(c.id(), new XbrlElements.Entity(c.entity().scheme(), c.entity().value()),
          new XbrlElements.Period(c.period().start().toString(), c.period().end().toString()), scenario));
    }
    List<XbrlElements.Unit> units = new ArrayList<>(instance.units().size());
    for (XbrlUnit u : instance.units()) {
      units.add(u.denominator().isEmpty()
          ? new XbrlElements.Unit(u.id(), u.numerator(), null)
          : new XbrlElements.Unit(u.id(), List.of(), new XbrlElements.Divide(u.numerator(), u.denominator())));
    }
    List<Object> facts = new ArrayList<>(instance.facts().size());
    for (Fact f : instance.facts()) {
      if (f instanceof Fact.Numeric n) {
        facts.add(new JAXBElement<>(n.concept(), XbrlElements.NumericFact.class, new XbrlElements.NumericFact(
            n.contextRef(), n.unitRef(), Integer.toString(n.decimals()), n.value().toPlainString())));
      } else if (f instanceof Fact.Text t) {
        facts.add(new JAXBElement<>(t.concept(), XbrlElements.TextFact.class,
            new XbrlElements.TextFact(t.contextRef(), t.value())));
      }
    }
    return new XbrlElements.Xbrl(new XbrlElements.SchemaRef(instance.schemaRef()), contexts, units, facts);
  }

  /** Fixed prefixes for the XBRL namespaces and the taxonomy's, all declared on the root element. */
  private static final class Prefixes extends NamespacePrefixMapper {
    private final Map<String, String> prefixByUri = new LinkedHashMap<>();
    /** Namespaces only QName values use; JAXB declares the bound elements' namespaces itself. */
    private final Map<String, String> valueOnly = new LinkedHashMap<>();

    Prefixes(Map<String, String> extra) {
      prefixByUri.put(XbrlNames.XBRLI, "xbrli");
      prefixByUri.put(XbrlNames.LINK, "link");
      prefixByUri.put(XbrlNames.XLINK, "xlink");
      prefixByUri.put(XbrlNames.XBRLDI, "xbrldi");
      valueOnly.put(XbrlUnit.ISO4217, "iso4217");
      valueOnly.put(XbrlUnit.UTR, "utr");
      extra.forEach((prefix, uri) -> valueOnly.put(uri, prefix));
      prefixByUri.putAll(valueOnly);
    }

    @Override
    public String getPreferredPrefix(String namespaceUri, String suggestion, boolean requirePrefix) {
      return prefixByUri.getOrDefault(namespaceUri, suggestion);
    }

    @Override
    public String[] getPreDeclaredNamespaceUris2() {
      String[] pairs = new String[valueOnly.size() * 2];
      int i = 0;
      for (Map.Entry<String, String> e : valueOnly.entrySet()) {
        pairs[i++] = e.getValue();
        pairs[i++] = e.getKey();
      }
      return pairs;
    }
  }

}
