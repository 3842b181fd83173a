package io.offgridflow.xbrl.internal;

import io.offgridflow.calc.Scope3Categories;
import io.offgridflow.inventory.Inventory;
import io.offgridflow.inventory.Totals;
import io.offgridflow.xbrl.DatasetUse;
import io.offgridflow.xbrl.Disclosure;
import io.offgridflow.xbrl.Fact;
import io.offgridflow.xbrl.GhgReport;
import io.offgridflow.xbrl.XbrlErrorCode;
import io.offgridflow.xbrl.XbrlException;
import io.offgridflow.xbrl.XbrlInstance;
import io.offgridflow.xbrl.XbrlUnit;
import io.offgridflow.xbrl.spi.ConceptDefinition;
import io.offgridflow.xbrl.spi.TaxonomyMapping;
import java.io.OutputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import javax.xml.stream.events.Attribute;
import javax.xml.stream.events.StartElement;
import javax.xml.stream.events.XMLEvent;
import org.jspecify.annotations.Nullable;

/**
 * Writes the report as one self-contained Inline XBRL 1.1 document: XHTML with its styles inline,
 * no scripts, fonts or links, readable as a GHG report, with the facts of the {@link XbrlInstance}
 * tagged where their numbers appear. Everything is written through StAX, so every string from the
 * data (entity name, site names, dataset names) is escaped: {@code <script>} comes out as text.
 * Each fact is tagged exactly once; repeated figures (Scope 1 in the market-based column) are
 * plain text, so the document holds no duplicate facts.
 */
public final class InlineXbrlWriter {
  private static final String STYLE = String.join("\n",
      "body{font-family:Helvetica,Arial,sans-serif;color:#1d2a33;margin:2em auto;max-width:60em;line-height:1.4}",
      "h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:2px solid #2e7d5b}",
      "p.meta{color:#55636d;margin-top:0}",
      "table{border-collapse:collapse;width:100%;margin:.6em 0}",
      "th,td{padding:.35em .6em;border-bottom:1px solid #d5dde2;text-align:left}",
      "th{background:#eef3f0}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}",
      "tr.total td{font-weight:bold;border-top:2px solid #1d2a33}td.repeat{color:#55636d}",
      ".methodology{background:#f6f8f7;padding:.2em 1em;border-left:4px solid #2e7d5b}",
      ".footer{margin-top:2em;color:#55636d;font-size:.85em}");

  private final TaxonomyMapping mapping;
  private final InstanceMarshaller marshaller;
  private final int decimals;
  // The JDK's own StAX, not whichever provider the host has (Woodstox escapes differently): the
  // same report bytes on every class path.
  private final XMLOutputFactory outputs = XMLOutputFactory.newDefaultFactory();
  private final XMLInputFactory inputs = XMLInputFactory.newDefaultFactory();

  public InlineXbrlWriter(TaxonomyMapping mapping, InstanceMarshaller marshaller, int decimals) {
    this.mapping = mapping;
    this.marshaller = marshaller;
    this.decimals = decimals;
    inputs.setProperty(XMLInputFactory.SUPPORT_DTD, false);
  }

  public void write(GhgReport report, XbrlInstance instance, LocalDate prepared, OutputStream out) {
    try {
      XMLStreamWriter w = outputs.createXMLStreamWriter(out, "UTF-8");
      new Document(w, report, instance, prepared).write();
      w.flush();
    } catch (XMLStreamException e) {
      throw new XbrlException(XbrlErrorCode.WRITE_FAILED, "cannot write the Inline XBRL document: " + e.getMessage(), e);
    }
  }

  /** One document being written. */
  private final class Document {
    private final XMLStreamWriter w;
    private final GhgReport report;
    private final XbrlInstance instance;
    private final LocalDate prepared;
    private final Map<String, Fact> facts = new HashMap<>();
    private int nextId = 1;

    Document(XMLStreamWriter w, GhgReport report, XbrlInstance instance, LocalDate prepared) {
      this.w = w;
      this.report = report;
      this.instance = instance;
      this.prepared = prepared;
      for (Fact f : instance.facts()) {
        facts.put(f.concept() + "|" + f.contextRef(), f);
      }
    }

    void write() throws XMLStreamException {
      w.writeStartDocument("UTF-8", "1.0");
      w.setDefaultNamespace(XbrlNames.XHTML);
      w.writeStartElement(XbrlNames.XHTML, "html");
      w.writeDefaultNamespace(XbrlNames.XHTML);
      namespace("ix", XbrlNames.IX);
      namespace("ixt", XbrlNames.IXT);
      namespace("xbrli", XbrlNames.XBRLI);
      namespace("link", XbrlNames.LINK);
      namespace("xlink", XbrlNames.XLINK);
      namespace("xbrldi", XbrlNames.XBRLDI);
      namespace("iso4217", XbrlUnit.ISO4217);
      namespace("utr", XbrlUnit.UTR);
      for (Map.Entry<String, String> ns : instance.namespaces().entrySet()) {
        namespace(ns.getKey(), ns.getValue());
      }
      w.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", "en");
      head();
      w.writeStartElement(XbrlNames.XHTML, "body");
      header();
      title();
      scopeTable();
      categoryTable();
      otherFigures();
      monthTable();
      siteTable();
      methodology();
      footer();
      w.writeEndElement();
      w.writeEndElement();
      w.writeEndDocument();
    }

    private void namespace(String prefix, String uri) throws XMLStreamException {
      w.setPrefix(prefix, uri);
      w.writeNamespace(prefix, uri);
    }

    private void head() throws XMLStreamException {
      w.writeStartElement(XbrlNames.XHTML, "head");
      w.writeStartElement(XbrlNames.XHTML, "meta");
      w.writeAttribute("http-equiv", "Content-Type");
      w.writeAttribute("content", "text/html; charset=UTF-8");
      w.writeEndElement();
      element("title", "GHG emissions " + report.period().start().getYear() + " – " + entityLabel());
      w.writeStartElement(XbrlNames.XHTML, "style");
      w.writeAttribute("type", "text/css");
      w.writeCharacters(STYLE);
      w.writeEndElement();
      w.writeEndElement();
    }

    /** The hidden header: taxonomy reference, contexts and units. */
    private void header() throws XMLStreamException {
      w.writeStartElement(XbrlNames.XHTML, "div");
      w.writeAttribute("style", "display:none");
      w.writeStartElement(XbrlNames.IX, "header");
      w.writeStartElement(XbrlNames.IX, "references");
      w.writeStartElement(XbrlNames.LINK, "schemaRef");
      w.writeAttribute("xlink", XbrlNames.XLINK, "type", "simple");
      w.writeAttribute("xlink", XbrlNames.XLINK, "href", instance.schemaRef());
      w.writeEndElement();
      w.writeEndElement();
      w.writeStartElement(XbrlNames.IX, "resources");
      marshaller.writeContextsAndUnits(instance, w);
      w.writeEndElement();
      w.writeEndElement();
      w.writeEndElement();
    }

    private void title() throws XMLStreamException {
      element("h1", "Greenhouse gas emissions " + report.period().start() + " to " + report.period().end());
      StringBuilder meta = new StringBuilder(entityLabel());
      meta.append(" · ").append(report.entity().isLei() ? "LEI " : "identifier ").append(report.entity().value())
          .append(" · prepared ").append(prepared)
          .append(" · tonnes of CO2 equivalent (t CO2e), GHG Protocol, ESRS E1-6");
      w.writeStartElement(XbrlNames.XHTML, "p");
      w.writeAttribute("class", "meta");
      w.writeCharacters(meta.toString());
      w.writeEndElement();
    }

    private String entityLabel() {
      return report.entityName().orElse(report.entity().value());
    }

    private void scopeTable() throws XMLStreamException {
      Inventory inv = report.inventory();
      element("h2", "Gross Scope 1, 2, 3 and total GHG emissions");
      w.writeStartElement(XbrlNames.XHTML, "table");
      headerRow("t CO2e", "#Location-based", "#Market-based");
      w.writeStartElement(XbrlNames.XHTML, "tbody");
      row("Scope 1 – direct emissions", Disclosure.GROSS_SCOPE_1, null, inv.totals().scope1Kg(), false);
      row("Scope 2 – purchased energy", Disclosure.GROSS_SCOPE_2_LOCATION, Disclosure.GROSS_SCOPE_2_MARKET,
          inv.scope2LocationKg(), false);
      row("Scope 3 – value chain", Disclosure.GROSS_SCOPE_3, null, inv.totals().scope3Kg(), false);
      row("Total GHG emissions", Disclosure.TOTAL_LOCATION_BASED, Disclosure.TOTAL_MARKET_BASED,
          inv.totals().locationBasedTotalKg(), true);
      w.writeEndElement();
      w.writeEndElement();
      paragraph("Scope 2 is shown both ways: location-based with grid-average factors, market-based with the"
          + " contractual instruments, supplier rates and residual mixes the undertaking holds. Scope 1 and Scope 3"
          + " are the same under both methods.");
    }

    /**
     * One row: the location-based figure tagged; the market-based one tagged when it is its own
     * fact, otherwise the same number repeated as plain text.
     */
    private void row(String label, Disclosure location, @Nullable Disclosure market, double fallbackKg, boolean total)
        throws XMLStreamException {
      w.writeStartElement(XbrlNames.XHTML, "tr");
      if (total) {
        w.writeAttribute("class", "total");
      }
      element("td", label);
      Fact.Numeric loc = numeric(location, FactAssembler.DEFAULT_CONTEXT);
      numberCell(loc, fallbackKg, false);
      if (market != null) {
        numberCell(numeric(market, FactAssembler.DEFAULT_CONTEXT), fallbackKg, false);
      } else {
        numberCell(null, loc != null ? loc.value().movePointRight(3).doubleValue() : fallbackKg, true);
      }
      w.writeEndElement();
    }

    private void numberCell(Fact.@Nullable Numeric fact, double fallbackKg, boolean repeat) throws XMLStreamException {
      w.writeStartElement(XbrlNames.XHTML, "td");
      w.writeAttribute("class", repeat ? "n repeat" : "n");
      if (fact != null) {
        nonFraction(fact, 0);
      } else {
        w.writeCharacters(Display.tonnes(fallbackKg, decimals));
      }
      w.writeEndElement();
    }

    private void categoryTable() throws XMLStreamException {
      Inventory inv = report.inventory();
      if (inv.scope3ByCategoryKg().isEmpty()) {
        return;
      }
      element("h2", "Scope 3 by category (GHG Protocol)");
      w.writeStartElement(XbrlNames.XHTML, "table");
      headerRow("Category", "#t CO2e", "#Share of Scope 3");
      w.writeStartElement(XbrlNames.XHTML, "tbody");
      for (Map.Entry<Integer, Double> e : inv.scope3ByCategoryKg().entrySet()) {
        w.writeStartElement(XbrlNames.XHTML, "tr");
        element("td", e.getKey() + " " + Scope3Categories.name(e.getKey()));
        numberCell(numeric(Disclosure.GROSS_SCOPE_3, FactAssembler.DEFAULT_CONTEXT + "-s3-cat" + e.getKey()),
            e.getValue(), false);
        cell(Display.percent(e.getValue(), inv.totals().scope3Kg()), "n");
        w.writeEndElement();
      }
      w.writeEndElement();
      w.writeEndElement();
    }

    private void otherFigures() throws XMLStreamException {
      element("h2", "Biogenic CO2 and intensity");
      w.writeStartElement(XbrlNames.XHTML, "table");
      headerRow("Disclosure", "#Value", "Unit");
      w.writeStartElement(XbrlNames.XHTML, "tbody");
      w.writeStartElement(XbrlNames.XHTML, "tr");
      element("td", "Biogenic CO2 from combustion or biodegradation of biomass (not in Scope 1)");
      numberCell(numeric(Disclosure.BIOGENIC_CO2, FactAssembler.DEFAULT_CONTEXT), report.inventory().biogenicCo2Kg(),
          false);
      cell("t CO2", "");
      w.writeEndElement();
      if (report.netRevenue().isPresent() && report.currency().isPresent()) {
        String currency = report.currency().get().getCurrencyCode();
        intensityRow("GHG intensity, location-based (total per net revenue)", Disclosure.INTENSITY_LOCATION_BASED,
            currency);
        intensityRow("GHG intensity, market-based (total per net revenue)", Disclosure.INTENSITY_MARKET_BASED, currency);
      }
      w.writeEndElement();
      w.writeEndElement();
      if (report.netRevenue().isPresent() && report.currency().isPresent()) {
        paragraph("Net revenue: " + Display.grouped(report.netRevenue().get()) + " "
            + report.currency().get().getCurrencyCode() + ".");
      }
    }

    /** Intensities are shown per million currency units (scale -6): 0.0000014528 t/EUR reads 1.4528. */
    private void intensityRow(String label, Disclosure d, String currency) throws XMLStreamException {
      Fact.Numeric f = numeric(d, FactAssembler.DEFAULT_CONTEXT);
      if (f == null) {
        return;
      }
      w.writeStartElement(XbrlNames.XHTML, "tr");
      element("td", label);
      w.writeStartElement(XbrlNames.XHTML, "td");
      w.writeAttribute("class", "n");
      nonFraction(f, -6);
      w.writeEndElement();
      cell("t CO2e per million " + currency, "");
      w.writeEndElement();
    }

    private void monthTable() throws XMLStreamException {
      if (report.byMonth().isEmpty()) {
        return;
      }
      element("h2", "Emissions by month");
      w.writeStartElement(XbrlNames.XHTML, "table");
      headerRow("Month", "#Scope 1", "#Scope 2 (location)", "#Scope 2 (market)", "#Scope 3");
      w.writeStartElement(XbrlNames.XHTML, "tbody");
      for (Map.Entry<YearMonth, Totals> e : report.byMonth().entrySet()) {
        YearMonth m = e.getKey();
        totalsRow(m.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + m.getYear(), e.getValue());
      }
      if (report.notByMonth().isPresent()) {
        totalsRow("Not dated to a month", report.notByMonth().get());
      }
      w.writeEndElement();
      w.writeEndElement();
    }

    private void siteTable() throws XMLStreamException {
      Map<String, Totals> sites = report.inventory().bySite();
      if (sites.size() == 1 && sites.containsKey("")) {
        return;
      }
      element("h2", "Emissions by site");
      w.writeStartElement(XbrlNames.XHTML, "table");
      headerRow("Site", "#Scope 1", "#Scope 2 (location)", "#Scope 2 (market)", "#Scope 3");
      w.writeStartElement(XbrlNames.XHTML, "tbody");
      for (Map.Entry<String, Totals> e : sites.entrySet()) {
        totalsRow(e.getKey().isEmpty() ? "(no site given)" : e.getKey(), e.getValue());
      }
      w.writeEndElement();
      w.writeEndElement();
    }

    private void totalsRow(String label, Totals t) throws XMLStreamException {
      w.writeStartElement(XbrlNames.XHTML, "tr");
      element("td", label);
      cell(Display.tonnes(t.scope1Kg(), decimals), "n");
      cell(Display.tonnes(t.scope2LocationKg(), decimals), "n");
      cell(Display.tonnes(t.scope2MarketKg(), decimals), "n");
      cell(Display.tonnes(t.scope3Kg(), decimals), "n");
      w.writeEndElement();
    }

    private void methodology() throws XMLStreamException {
      element("h2", "Methodology, assumptions and emission factors");
      Fact text = null;
      var concept = mapping.concept(Disclosure.METHODOLOGY).map(ConceptDefinition::name);
      if (concept.isPresent()) {
        text = facts.get(concept.get() + "|" + FactAssembler.DEFAULT_CONTEXT);
      }
      w.writeStartElement(XbrlNames.XHTML, "div");
      w.writeAttribute("class", "methodology");
      if (text instanceof Fact.Text t && t.xhtml()) {
        w.writeStartElement(XbrlNames.IX, "nonNumeric");
        w.writeAttribute("id", "f" + nextId++);
        w.writeAttribute("name", qname(t.concept()));
        w.writeAttribute("contextRef", t.contextRef());
        w.writeAttribute("escape", "true");
        copyMarkup(t.value());
        w.writeEndElement();
      } else {
        paragraph("The taxonomy " + mapping.name() + " has no methodology text block; see the dataset list below.");
      }
      w.writeEndElement();
      element("h2", "Emission factor sources");
      w.writeStartElement(XbrlNames.XHTML, "table");
      headerRow("Dataset", "Edition", "Publisher", "Licence", "#Records");
      w.writeStartElement(XbrlNames.XHTML, "tbody");
      for (DatasetUse d : report.datasets()) {
        w.writeStartElement(XbrlNames.XHTML, "tr");
        element("td", d.info() != null ? d.info().name() + " (" + d.datasetId() + ")" : d.datasetId());
        element("td", d.edition());
        element("td", d.info() != null ? d.info().publisher() : "–");
        element("td", d.info() != null ? d.info().licence() : "–");
        cell(Long.toString(d.results()), "n");
        w.writeEndElement();
      }
      w.writeEndElement();
      w.writeEndElement();
    }

    /** Copies the text block's XHTML (our own well-formed fragment) element by element. */
    private void copyMarkup(String xhtml) throws XMLStreamException {
      XMLEventReader r = inputs.createXMLEventReader(new StringReader(xhtml));
      while (r.hasNext()) {
        XMLEvent e = r.nextEvent();
        if (e.isStartElement()) {
          StartElement s = e.asStartElement();
          w.writeStartElement(XbrlNames.XHTML, s.getName().getLocalPart());
          for (var it = s.getAttributes(); it.hasNext(); ) {
            Attribute a = it.next();
            w.writeAttribute(a.getName().getLocalPart(), a.getValue());
          }
        } else if (e.isEndElement()) {
          w.writeEndElement();
        } else if (e.isCharacters()) {
          w.writeCharacters(e.asCharacters().getData());
        }
      }
    }

    private void footer() throws XMLStreamException {
      w.writeStartElement(XbrlNames.XHTML, "div");
      w.writeAttribute("class", "footer");
      w.writeCharacters("Prepared with OffGridFlow on " + prepared + ". Tagged with " + mapping.name() + " ("
          + instance.schemaRef() + "). Every figure can be reproduced from the activity records and the factor"
          + " provenance listed above.");
      w.writeEndElement();
    }

    private Fact.@Nullable Numeric numeric(Disclosure d, String contextRef) {
      var c = mapping.concept(d);
      if (c.isEmpty()) {
        return null;
      }
      return facts.get(c.get().name() + "|" + contextRef) instanceof Fact.Numeric n ? n : null;
    }

    /**
     * {@code ix:nonFraction}: displayed value = fact value / 10^scale, grouped, sign in the
     * attribute.
     */
    private void nonFraction(Fact.Numeric f, int scale) throws XMLStreamException {
      BigDecimal shown = f.value().scaleByPowerOfTen(-scale);
      if (shown.scale() < 0) {
        shown = shown.setScale(0);
      }
      boolean negative = shown.signum() < 0;
      if (negative) {
        w.writeCharacters("("); // accountants' negative; the sign itself is the attribute
      }
      w.writeStartElement(XbrlNames.IX, "nonFraction");
      w.writeAttribute("id", "f" + nextId++);
      w.writeAttribute("name", qname(f.concept()));
      w.writeAttribute("contextRef", f.contextRef());
      w.writeAttribute("unitRef", f.unitRef());
      w.writeAttribute("decimals", Integer.toString(f.decimals()));
      w.writeAttribute("scale", Integer.toString(scale));
      w.writeAttribute("format", "ixt:num-dot-decimal");
      if (negative) {
        w.writeAttribute("sign", "-");
      }
      w.writeCharacters(Display.grouped(shown));
      w.writeEndElement();
      if (negative) {
        w.writeCharacters(")");
      }
    }

    private String qname(QName q) {
      String prefix = q.getNamespaceURI().equals(mapping.namespace()) ? mapping.prefix() : q.getPrefix();
      return prefix + ":" + q.getLocalPart();
    }

    /** A header row; names starting with '#' head numeric (right-aligned) columns, the '#' not shown. */
    private void headerRow(String... names) throws XMLStreamException {
      w.writeStartElement(XbrlNames.XHTML, "thead");
      w.writeStartElement(XbrlNames.XHTML, "tr");
      for (String name : names) {
        boolean numeric = name.startsWith("#");
        w.writeStartElement(XbrlNames.XHTML, "th");
        if (numeric) {
          w.writeAttribute("class", "n");
        }
        w.writeCharacters(numeric ? name.substring(1) : name);
        w.writeEndElement();
      }
      w.writeEndElement();
      w.writeEndElement();
    }

    private void cell(String text, String cssClass) throws XMLStreamException {
      w.writeStartElement(XbrlNames.XHTML, "td");
      if (!cssClass.isEmpty()) {
        w.writeAttribute("class", cssClass);
      }
      w.writeCharacters(text);
      w.writeEndElement();
    }

    private void element(String name, String text) throws XMLStreamException {
      w.writeStartElement(XbrlNames.XHTML, name);
      w.writeCharacters(text);
      w.writeEndElement();
    }

    private void paragraph(String text) throws XMLStreamException {
      element("p", text);
    }
  }
}
