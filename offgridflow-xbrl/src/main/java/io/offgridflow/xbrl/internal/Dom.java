package io.offgridflow.xbrl.internal;

import io.offgridflow.xbrl.XbrlErrorCode;
import io.offgridflow.xbrl.XbrlException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** DOM helpers: a hardened namespace-aware parse (no DTDs, no external entities) and QName values. */
final class Dom {
  private Dom() {}

  static Document parse(byte[] xml, String name) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      // A DOCTYPE is allowed (Inline XBRL from other tools often has one) but nothing it names is
      // loaded: no external DTD, no external entities; secure processing caps entity expansion.
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      return b.parse(new ByteArrayInputStream(xml), name);
    } catch (SAXException e) {
      throw new XbrlException(XbrlErrorCode.UNREADABLE_DOCUMENT, name + " is not well-formed XML: " + e.getMessage(), e);
    } catch (IOException | ParserConfigurationException e) {
      throw new XbrlException(XbrlErrorCode.UNREADABLE_DOCUMENT, "cannot read " + name + ": " + e.getMessage(), e);
    }
  }

  static Document newDocument(String name) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      return f.newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new XbrlException(XbrlErrorCode.UNREADABLE_DOCUMENT, "cannot create a document for " + name, e);
    }
  }

  static List<Element> children(Element parent, String ns, String local) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && local.equals(e.getLocalName())) {
        out.add(e);
      }
    }
    return out;
  }

  static @Nullable Element child(Element parent, String ns, String local) {
    List<Element> c = children(parent, ns, local);
    return c.isEmpty() ? null : c.get(0);
  }

  static List<Element> descendants(Element root, String ns, String local) {
    List<Element> out = new ArrayList<>();
    var list = root.getElementsByTagNameNS(ns, local);
    for (int i = 0; i < list.getLength(); i++) {
      out.add((Element) list.item(i));
    }
    return out;
  }

  /** A QName-valued text or attribute resolved against the element's in-scope namespaces. */
  static QName qname(Element scope, String text, String what) {
    String t = text.strip();
    int colon = t.indexOf(':');
    String prefix = colon < 0 ? null : t.substring(0, colon);
    String local = colon < 0 ? t : t.substring(colon + 1);
    String ns = scope.lookupNamespaceURI(prefix);
    if (ns == null) {
      throw new XbrlException(XbrlErrorCode.SCHEMA_INVALID, what + " '" + t + "' uses an undeclared prefix");
    }
    return new QName(ns, local, prefix == null ? "" : prefix);
  }

  static @Nullable String attr(Element e, String name) {
    return e.hasAttribute(name) ? e.getAttribute(name) : null;
  }

  static String describe(Element e) {
    String id = e.getAttribute("id");
    return e.getTagName() + (id.isEmpty() ? "" : " id=" + id);
  }
}
