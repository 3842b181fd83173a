package io.offgridflow.xbrl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class InlineXbrlTest {
  private static final String IX = "http://www.xbrl.org/2013/inlineXBRL";
  private static final String XHTML = "http://www.w3.org/1999/xhtml";

  private final GhgReport report = Fixtures.report();
  private final XbrlInstance instance = Fixtures.reporter().toInstance(report);
  private final byte[] ixbrl = write(report);

  private static byte[] write(GhgReport report) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Fixtures.reporter().writeInlineXbrl(report, out);
    Fixtures.keep("ghg-2024.xhtml", out.toByteArray());
    return out.toByteArray();
  }

  private static Document parse(byte[] xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
  }

  private static Document parse(String xml) throws Exception {
    return parse(xml.getBytes(StandardCharsets.UTF_8));
  }

  /** A fact as read back: concept, context, unit, decimals and value. */
  private record Extracted(QName concept, String contextRef, String unitRef, String decimals, BigDecimal value) {}

  private static QName qname(Element e, String prefixed) {
    int colon = prefixed.indexOf(':');
    return new QName(e.lookupNamespaceURI(prefixed.substring(0, colon)), prefixed.substring(colon + 1));
  }

  /** Reads ix:nonFraction the way Inline XBRL 1.1 defines: strip grouping, apply scale, then sign. */
  private static List<Extracted> numbers(Document doc) {
    List<Extracted> out = new ArrayList<>();
    NodeList list = doc.getElementsByTagNameNS(IX, "nonFraction");
    for (int i = 0; i < list.getLength(); i++) {
      Element e = (Element) list.item(i);
      assertThat(e.getAttribute("format")).isEqualTo("ixt:num-dot-decimal");
      BigDecimal v = new BigDecimal(e.getTextContent().replace(",", ""))
          .scaleByPowerOfTen(Integer.parseInt(e.getAttribute("scale")));
      if ("-".equals(e.getAttribute("sign"))) {
        v = v.negate();
      }
      out.add(new Extracted(qname(e, e.getAttribute("name")), e.getAttribute("contextRef"), e.getAttribute("unitRef"),
          e.getAttribute("decimals"), v));
    }
    return out;
  }

  @Test
  void everyNumericFactOfTheInstanceIsTaggedOnceWithTheSameValue() throws Exception {
    List<Extracted> fromInline = numbers(parse(ixbrl));
    List<Extracted> fromInstance = instance.facts().stream()
        .filter(f -> f instanceof Fact.Numeric).map(f -> (Fact.Numeric) f)
        .map(n -> new Extracted(new QName(n.concept().getNamespaceURI(), n.concept().getLocalPart()), n.contextRef(),
            n.unitRef(), Integer.toString(n.decimals()), n.value()))
        .toList();
    assertThat(fromInline).hasSameSizeAs(fromInstance);
    assertThat(fromInline)
        .usingRecursiveFieldByFieldElementComparator(
            org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration.builder()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).build())
        .containsExactlyInAnyOrderElementsOf(fromInstance);
  }

  @Test
  void theMethodologyTextBlockIsEscapedMarkupEqualToTheInstanceValue() throws Exception {
    Document doc = parse(ixbrl);
    NodeList list = doc.getElementsByTagNameNS(IX, "nonNumeric");
    assertThat(list.getLength()).isEqualTo(1);
    Element text = (Element) list.item(0);
    assertThat(text.getAttribute("escape")).isEqualTo("true");
    Fact.Text fact = (Fact.Text) instance.facts().stream().filter(f -> f instanceof Fact.Text).findFirst().orElseThrow();
    assertThat(qname(text, text.getAttribute("name"))).isEqualTo(
        new QName(fact.concept().getNamespaceURI(), fact.concept().getLocalPart()));
    Element inline = (Element) text.getElementsByTagNameNS(XHTML, "div").item(0);
    Element expected = parse(fact.value()).getDocumentElement();
    assertThat(shape(inline)).as("text block markup equals the instance's").isEqualTo(shape(expected))
        .contains("{http://www.w3.org/1999/xhtml}ul");
  }

  /** Elements (namespace and name), attributes other than namespace declarations, and text. */
  private static String shape(org.w3c.dom.Node n) {
    if (n instanceof Element e) {
      StringBuilder sb = new StringBuilder("{" + e.getNamespaceURI() + "}" + e.getLocalName() + "[");
      for (int i = 0; i < e.getAttributes().getLength(); i++) {
        org.w3c.dom.Node a = e.getAttributes().item(i);
        if (!"http://www.w3.org/2000/xmlns/".equals(a.getNamespaceURI())) {
          sb.append(a.getNodeName()).append('=').append(a.getNodeValue()).append(' ');
        }
      }
      sb.append("](");
      for (org.w3c.dom.Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
        sb.append(shape(c));
      }
      return sb.append(')').toString();
    }
    return n.getNodeType() == org.w3c.dom.Node.TEXT_NODE ? "'" + n.getNodeValue() + "'" : "";
  }

  @Test
  void theInlineDocumentValidatesWithNoIssues() {
    ValidationReport r = Fixtures.validator().validateInlineXbrl(ixbrl, "ghg-2024.xhtml");
    assertThat(r.issues()).isEmpty();
    assertThat(r.facts()).isEqualTo(instance.facts().size());
  }

  private ValidationReport validateBroken(String find, String replaceWith) {
    String xml = new String(ixbrl, StandardCharsets.UTF_8);
    assertThat(xml.split(java.util.regex.Pattern.quote(find), -1)).as("occurrences of %s", find).hasSize(2);
    return Fixtures.validator().validateInlineXbrl(xml.replace(find, replaceWith).getBytes(StandardCharsets.UTF_8),
        "broken.xhtml");
  }

  private static final String SCOPE1 = "name=\"esrs:GrossScope1GreenhouseGasEmissions\" contextRef=\"c-period\""
      + " unitRef=\"u-tCO2e\" decimals=\"3\" scale=\"0\" format=\"ixt:num-dot-decimal\">0.638<";

  @Test
  void brokenInlineFactsAreCaughtWithTheirCodes() {
    assertThat(validateBroken(SCOPE1, SCOPE1.replace(" decimals=\"3\"", "")).codes())
        .contains(XbrlErrorCode.DECIMALS_MISSING);
    assertThat(validateBroken(SCOPE1, SCOPE1.replace(">0.638<", ">0.6x8<")).codes())
        .contains(XbrlErrorCode.INLINE_INVALID);
    assertThat(validateBroken(SCOPE1, SCOPE1.replace("GrossScope1", "GrossScope4")).codes())
        .contains(XbrlErrorCode.SCHEMA_INVALID);
    assertThat(validateBroken(SCOPE1, SCOPE1.replace("contextRef=\"c-period\"", "contextRef=\"c-period-s3-cat6\""))
        .codes()).contains(XbrlErrorCode.DIMENSION_NOT_ALLOWED);
    // A displayed negative with sign="-" is read as negative: the totals then no longer add up.
    assertThat(validateBroken(SCOPE1, SCOPE1.replace("scale=\"0\"", "scale=\"0\" sign=\"-\"")).codes())
        .containsExactly(XbrlErrorCode.CALCULATION_INCONSISTENT);
  }

  @Test
  void aDoctypeIsReadWithoutFetchingAnythingAndExternalEntitiesAreRefused() {
    String xml = new String(ixbrl, StandardCharsets.UTF_8);
    String withDoctype = xml.replace("?><html", "?><!DOCTYPE html><html");
    assertThat(withDoctype).isNotEqualTo(xml);
    assertThat(Fixtures.validator().validateInlineXbrl(withDoctype.getBytes(StandardCharsets.UTF_8), "doctype.xhtml")
        .issues()).isEmpty();
    String xxe = xml.replace("?><html", "?><!DOCTYPE html [<!ENTITY x SYSTEM \"file:///etc/hostname\">]><html")
        .replace("<h1>", "<h1>&x;");
    ValidationReport r = Fixtures.validator().validateInlineXbrl(xxe.getBytes(StandardCharsets.UTF_8), "xxe.xhtml");
    assertThat(r.codes()).containsExactly(XbrlErrorCode.SCHEMA_INVALID);
    assertThat(r.issues().get(0).message()).contains("access is not allowed");
    assertThat(r.issues().toString()).doesNotContain(readHostname());
  }

  private static String readHostname() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/etc/hostname")).strip();
    } catch (java.io.IOException e) {
      return "\u0000no hostname file\u0000";
    }
  }

  @Test
  void aScriptTagInUserTextComesOutAsInertText() throws Exception {
    Document doc = parse(ixbrl);
    assertThat(doc.getElementsByTagNameNS("*", "script").getLength()).isZero();
    String title = doc.getElementsByTagNameNS(XHTML, "title").item(0).getTextContent();
    assertThat(title).contains(Fixtures.SCRIPT).contains("& Söhne");
    String xml = new String(ixbrl, StandardCharsets.UTF_8);
    assertThat(xml).contains("&lt;script&gt;alert('owned')&lt;/script&gt;").doesNotContain("<script");
    // The site name, from the activity data, is escaped too.
    assertThat(doc.getDocumentElement().getTextContent()).contains("Emissions by site").contains(Fixtures.SCRIPT);
  }

  @Test
  void theDocumentIsSelfContainedAndReadsAsAReport() throws Exception {
    String xml = new String(ixbrl, StandardCharsets.UTF_8);
    assertThat(xml).doesNotContain("<link ").doesNotContain("src=").doesNotContain("url(").doesNotContain("@import")
        .doesNotContain("@font-face");
    String text = parse(ixbrl).getDocumentElement().getTextContent();
    assertThat(text).contains("Gross Scope 1, 2, 3 and total GHG emissions", "Location-based", "Market-based",
        "Scope 3 by category", "6 Business travel", "1 Purchased goods and services", "Emissions by month",
        "January 2024", "Not dated to a month", "Emission factor sources", "eGRID2023 (Jan 2025)", "IPCC AR5",
        "prepared 2025-03-01");
  }

  @Test
  void intensitiesAreShownPerMillionOfCurrencyWithScaleMinusSix() throws Exception {
    Extracted intensity = numbers(parse(ixbrl)).stream()
        .filter(e -> e.concept().getLocalPart().startsWith("GHGEmissionsIntensityLocationbased")).findFirst()
        .orElseThrow();
    assertThat(new String(ixbrl, StandardCharsets.UTF_8)).contains("scale=\"-6\"");
    Fact.Numeric fact = instance.facts().stream().filter(f -> f instanceof Fact.Numeric n
        && n.concept().getLocalPart().equals(intensity.concept().getLocalPart())).map(f -> (Fact.Numeric) f)
        .findFirst().orElseThrow();
    assertThat(intensity.value()).isEqualByComparingTo(fact.value());
  }
}
