package io.offgridflow.xbrl.internal;

import io.offgridflow.xbrl.XbrlErrorCode;
import io.offgridflow.xbrl.XbrlException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.xml.namespace.QName;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads an XBRL instance or an Inline XBRL document into a {@link ParsedDocument}. Problems that
 * make a fact unreadable (a displayed number the format cannot parse) are collected as issues
 * rather than thrown, so one bad fact does not hide the rest.
 */
public final class DocumentReader {
  private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
  /** Transformation Registry 3 and 4 namespaces; both define num-dot-decimal. */
  private static final List<String> IXT_NAMESPACES = List.of(XbrlNames.IXT,
      "http://www.xbrl.org/inlineXBRL/transformation/2015-02-26");
  private static final Pattern NUM_DOT_DECIMAL = Pattern.compile("[0-9]{1,3}([, \u00A0]?[0-9]{3})*(\\.[0-9]+)?|[0-9]+(\\.[0-9]+)?");

  /** Issues met while reading (inline formats), as {code, message, location}. */
  public record ReadIssue(XbrlErrorCode code, String message, String location) {}

  private final List<ReadIssue> issues = new ArrayList<>();
  private @Nullable Document targetInstance;

  public List<ReadIssue> issues() {
    return issues;
  }

  /**
   * The XBRL instance an Inline XBRL document stands for (after {@link #readInline}): the header's
   * schemaRef, contexts and units, and one item per fact. Validating it against the taxonomy's
   * schema checks what the Inline XBRL schema cannot: that every fact's concept is declared and its
   * value fits the concept's type.
   */
  public Optional<Document> targetInstance() {
    return Optional.ofNullable(targetInstance);
  }

  public ParsedDocument readInstance(byte[] xml, String name) {
    Document doc = Dom.parse(xml, name);
    Element root = doc.getDocumentElement();
    if (!XbrlNames.XBRLI.equals(root.getNamespaceURI()) || !"xbrl".equals(root.getLocalName())) {
      throw new XbrlException(XbrlErrorCode.UNREADABLE_DOCUMENT, name + " is not an XBRL instance: its root is "
          + root.getTagName() + ", expected xbrli:xbrl");
    }
    List<String> schemaRefs = new ArrayList<>();
    for (Element s : Dom.children(root, XbrlNames.LINK, "schemaRef")) {
      schemaRefs.add(s.getAttributeNS(XbrlNames.XLINK, "href"));
    }
    Map<String, ParsedDocument.Context> contexts = contexts(Dom.children(root, XbrlNames.XBRLI, "context"));
    Map<String, ParsedDocument.Unit> units = units(Dom.children(root, XbrlNames.XBRLI, "unit"));
    List<ParsedDocument.ParsedFact> facts = new ArrayList<>();
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (!(n instanceof Element e)) {
        continue;
      }
      String ns = e.getNamespaceURI();
      if (XbrlNames.XBRLI.equals(ns) || XbrlNames.LINK.equals(ns)) {
        continue;
      }
      boolean nil = "true".equals(e.getAttributeNS(XSI, "nil"));
      String unitRef = Dom.attr(e, "unitRef");
      facts.add(new ParsedDocument.ParsedFact(new QName(ns, e.getLocalName(), e.getPrefix() == null ? "" : e.getPrefix()),
          Dom.attr(e, "contextRef"), unitRef, Dom.attr(e, "decimals"), Dom.attr(e, "precision"), unitRef != null, nil,
          e.getTextContent().strip(), Dom.describe(e) + " (" + e.getTagName() + ")"));
    }
    return new ParsedDocument(schemaRefs, contexts, units, facts);
  }

  public ParsedDocument readInline(byte[] xhtml, String name) {
    Document doc = Dom.parse(xhtml, name);
    Element root = doc.getDocumentElement();
    if (!XbrlNames.XHTML.equals(root.getNamespaceURI()) || !"html".equals(root.getLocalName())) {
      throw new XbrlException(XbrlErrorCode.UNREADABLE_DOCUMENT, name + " is not an XHTML document: its root is "
          + root.getTagName());
    }
    List<Element> headers = Dom.descendants(root, XbrlNames.IX, "header");
    if (headers.isEmpty()) {
      throw new XbrlException(XbrlErrorCode.UNREADABLE_DOCUMENT, name + " has no ix:header: not Inline XBRL");
    }
    List<String> schemaRefs = new ArrayList<>();
    List<Element> contextElements = new ArrayList<>();
    List<Element> unitElements = new ArrayList<>();
    for (Element h : headers) {
      for (Element s : Dom.descendants(h, XbrlNames.LINK, "schemaRef")) {
        schemaRefs.add(s.getAttributeNS(XbrlNames.XLINK, "href"));
      }
      contextElements.addAll(Dom.descendants(h, XbrlNames.XBRLI, "context"));
      unitElements.addAll(Dom.descendants(h, XbrlNames.XBRLI, "unit"));
    }
    List<ParsedDocument.ParsedFact> facts = new ArrayList<>();
    for (Element e : Dom.descendants(root, XbrlNames.IX, "nonFraction")) {
      facts.add(nonFraction(e));
    }
    for (Element e : Dom.descendants(root, XbrlNames.IX, "nonNumeric")) {
      facts.add(nonNumeric(e));
    }
    ParsedDocument parsed = new ParsedDocument(schemaRefs, contexts(contextElements), units(unitElements), facts);
    targetInstance = target(parsed, contextElements, unitElements, name);
    return parsed;
  }

  private static Document target(ParsedDocument parsed, List<Element> contexts, List<Element> units, String name) {
    Document doc = Dom.newDocument(name);
    Element root = doc.createElementNS(XbrlNames.XBRLI, "xbrli:xbrl");
    doc.appendChild(root);
    for (String ref : parsed.schemaRefs()) {
      Element s = doc.createElementNS(XbrlNames.LINK, "link:schemaRef");
      s.setAttributeNS(XbrlNames.XLINK, "xlink:type", "simple");
      s.setAttributeNS(XbrlNames.XLINK, "xlink:href", ref);
      root.appendChild(s);
    }
    for (Element c : contexts) {
      root.appendChild(doc.importNode(c, true));
    }
    for (Element u : units) {
      root.appendChild(doc.importNode(u, true));
    }
    for (ParsedDocument.ParsedFact f : parsed.facts()) {
      String prefix = f.concept().getPrefix().isEmpty() ? "c" : f.concept().getPrefix();
      Element e = doc.createElementNS(f.concept().getNamespaceURI(), prefix + ":" + f.concept().getLocalPart());
      setIfPresent(e, "contextRef", f.contextRef());
      setIfPresent(e, "unitRef", f.unitRef());
      setIfPresent(e, "decimals", f.decimals());
      setIfPresent(e, "precision", f.precision());
      if (f.nil()) {
        e.setAttributeNS(XSI, "xsi:nil", "true");
      } else {
        e.setTextContent(f.value());
      }
      root.appendChild(e);
    }
    return doc;
  }

  private static void setIfPresent(Element e, String name, @Nullable String value) {
    if (value != null) {
      e.setAttribute(name, value);
    }
  }

  private ParsedDocument.ParsedFact nonFraction(Element e) {
    String where = Dom.describe(e) + " name=" + e.getAttribute("name");
    QName concept = Dom.qname(e, e.getAttribute("name"), "ix:nonFraction name");
    boolean nil = "true".equals(e.getAttributeNS(XSI, "nil"));
    String value = "";
    if (!nil) {
      value = number(e, where);
    }
    return new ParsedDocument.ParsedFact(concept, Dom.attr(e, "contextRef"), Dom.attr(e, "unitRef"),
        Dom.attr(e, "decimals"), Dom.attr(e, "precision"), true, nil, value, where);
  }

  /** The fact value of a displayed number: format, then scale, then sign (Inline XBRL 1.1 section 11.2). */
  private String number(Element e, String where) {
    String shown = e.getTextContent().strip();
    String format = Dom.attr(e, "format");
    String digits;
    if (format == null) {
      digits = shown;
    } else {
      QName f = Dom.qname(e, format, "format");
      if (!IXT_NAMESPACES.contains(f.getNamespaceURI()) || !"num-dot-decimal".equals(f.getLocalPart())) {
        issues.add(new ReadIssue(XbrlErrorCode.INLINE_INVALID, "format " + format + " is not supported here; use"
            + " ixt:num-dot-decimal of the Transformation Registry 4", where));
        return shown;
      }
      if (!NUM_DOT_DECIMAL.matcher(shown).matches()) {
        issues.add(new ReadIssue(XbrlErrorCode.INLINE_INVALID, "displayed value '" + shown
            + "' does not match ixt:num-dot-decimal (digits, optional ',' groups, '.' decimals)", where));
        return shown;
      }
      digits = shown.replaceAll("[, \u00A0]", "");
    }
    BigDecimal v;
    try {
      v = new BigDecimal(digits);
    } catch (NumberFormatException ex) {
      issues.add(new ReadIssue(XbrlErrorCode.INLINE_INVALID, "displayed value '" + shown + "' is not a number", where));
      return shown;
    }
    String scale = Dom.attr(e, "scale");
    if (scale != null) {
      try {
        v = v.scaleByPowerOfTen(Integer.parseInt(scale.strip()));
      } catch (NumberFormatException ex) {
        issues.add(new ReadIssue(XbrlErrorCode.INLINE_INVALID, "scale '" + scale + "' is not an integer", where));
      }
    }
    if ("-".equals(Dom.attr(e, "sign"))) {
      v = v.negate();
    }
    return v.toPlainString();
  }

  private ParsedDocument.ParsedFact nonNumeric(Element e) {
    String where = Dom.describe(e) + " name=" + e.getAttribute("name");
    QName concept = Dom.qname(e, e.getAttribute("name"), "ix:nonNumeric name");
    boolean escape = "true".equals(e.getAttribute("escape")) || "1".equals(e.getAttribute("escape"));
    String value = escape ? markup(e) : e.getTextContent();
    return new ParsedDocument.ParsedFact(concept, Dom.attr(e, "contextRef"), null, null, null, false,
        "true".equals(e.getAttributeNS(XSI, "nil")), value, where);
  }

  /** The serialised child nodes of an escaped text block, which is its fact value. */
  public static String markup(Element e) {
    try {
      Transformer t = TransformerFactory.newInstance().newTransformer();
      t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      StringWriter out = new StringWriter();
      for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
        t.transform(new DOMSource(n), new StreamResult(out));
      }
      return out.toString();
    } catch (TransformerException ex) {
      throw new XbrlException(XbrlErrorCode.UNREADABLE_DOCUMENT, "cannot serialise text block " + Dom.describe(e)
          + ": " + ex.getMessage(), ex);
    }
  }

  private static Map<String, ParsedDocument.Context> contexts(List<Element> elements) {
    Map<String, ParsedDocument.Context> out = new LinkedHashMap<>();
    for (Element c : elements) {
      String id = c.getAttribute("id");
      Element entity = Dom.child(c, XbrlNames.XBRLI, "entity");
      Element identifier = entity == null ? null : Dom.child(entity, XbrlNames.XBRLI, "identifier");
      Element segment = entity == null ? null : Dom.child(entity, XbrlNames.XBRLI, "segment");
      Element period = Dom.child(c, XbrlNames.XBRLI, "period");
      Element scenario = Dom.child(c, XbrlNames.XBRLI, "scenario");
      String periodText = "";
      boolean instant = false;
      if (period != null) {
        Element inst = Dom.child(period, XbrlNames.XBRLI, "instant");
        Element start = Dom.child(period, XbrlNames.XBRLI, "startDate");
        Element end = Dom.child(period, XbrlNames.XBRLI, "endDate");
        if (inst != null) {
          instant = true;
          periodText = inst.getTextContent().strip();
        } else if (start != null && end != null) {
          periodText = start.getTextContent().strip() + "/" + end.getTextContent().strip();
        } else {
          periodText = "forever";
        }
      }
      out.put(id, new ParsedDocument.Context(id,
          identifier == null ? "" : identifier.getAttribute("scheme"),
          identifier == null ? "" : identifier.getTextContent().strip(),
          periodText, instant, members(segment), members(scenario)));
    }
    return out;
  }

  private static List<ParsedDocument.Member> members(@Nullable Element container) {
    List<ParsedDocument.Member> out = new ArrayList<>();
    if (container == null) {
      return out;
    }
    for (Element m : Dom.children(container, XbrlNames.XBRLDI, "explicitMember")) {
      out.add(new ParsedDocument.Member(Dom.qname(m, m.getAttribute("dimension"), "dimension"),
          Dom.qname(m, m.getTextContent(), "explicit member")));
    }
    return out;
  }

  private static Map<String, ParsedDocument.Unit> units(List<Element> elements) {
    Map<String, ParsedDocument.Unit> out = new LinkedHashMap<>();
    for (Element u : elements) {
      Element divide = Dom.child(u, XbrlNames.XBRLI, "divide");
      if (divide == null) {
        out.put(u.getAttribute("id"), new ParsedDocument.Unit(u.getAttribute("id"), measures(u), List.of()));
      } else {
        Element num = Dom.child(divide, XbrlNames.XBRLI, "unitNumerator");
        Element den = Dom.child(divide, XbrlNames.XBRLI, "unitDenominator");
        out.put(u.getAttribute("id"), new ParsedDocument.Unit(u.getAttribute("id"),
            num == null ? List.of() : measures(num), den == null ? List.of() : measures(den)));
      }
    }
    return out;
  }

  private static List<QName> measures(Element parent) {
    List<QName> out = new ArrayList<>();
    for (Element m : Dom.children(parent, XbrlNames.XBRLI, "measure")) {
      out.add(Dom.qname(m, m.getTextContent(), "measure"));
    }
    return out;
  }
}
