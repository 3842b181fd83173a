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
import io.offgridflow.xbrl.spi.ConceptDefinition;
import io.offgridflow.xbrl.spi.TaxonomyMapping;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;

/**
 * The report as a PDF (Apache PDFBox): the same tables as the Inline XBRL document, a stacked bar
 * chart of emissions by scope and month drawn with PDFBox's own path operators (no charting
 * library, no images), the methodology and the factor sources. Figures come from the instance's
 * facts, so the PDF shows exactly the numbers the XBRL reports.
 */
public final class PdfReportWriter {
  /** Scope colours: the same three hues in the bars and the legend. */
  static final Color SCOPE1 = new Color(0x2e, 0x7d, 0x5b);
  static final Color SCOPE2 = new Color(0xe0, 0x9f, 0x3e);
  static final Color SCOPE3 = new Color(0x3b, 0x6e, 0xa8);

  private final TaxonomyMapping mapping;
  private final MethodologyText methodology;
  private final int decimals;

  public PdfReportWriter(TaxonomyMapping mapping, MethodologyText methodology, int decimals) {
    this.mapping = mapping;
    this.methodology = methodology;
    this.decimals = decimals;
  }

  public void write(GhgReport report, XbrlInstance instance, Instant prepared, OutputStream out) {
    try (PDDocument doc = new PDDocument()) {
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setTitle("GHG emissions " + report.period() + " - " + report.entityName().orElse(report.entity().value()));
      info.setCreator("OffGridFlow");
      Calendar created = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
      created.setTimeInMillis(prepared.toEpochMilli());
      info.setCreationDate(created);
      try (PdfCanvas c = new PdfCanvas(doc)) {
        new Layout(c, report, instance, prepared).write();
      }
      doc.save(out);
    } catch (IOException e) {
      throw new XbrlException(XbrlErrorCode.WRITE_FAILED, "cannot write the PDF report: " + e.getMessage(), e);
    }
  }

  /** One document being laid out. */
  private final class Layout {
    private final PdfCanvas c;
    private final GhgReport report;
    private final Map<String, Fact.Numeric> facts = new LinkedHashMap<>();
    private final Instant prepared;

    Layout(PdfCanvas c, GhgReport report, XbrlInstance instance, Instant prepared) {
      this.c = c;
      this.report = report;
      this.prepared = prepared;
      for (Fact f : instance.facts()) {
        if (f instanceof Fact.Numeric n) {
          facts.put(n.concept() + "|" + n.contextRef(), n);
        }
      }
    }

    void write() throws IOException {
      c.heading("Greenhouse gas emissions " + report.period().start() + " to " + report.period().end(), 18);
      c.paragraph(report.entityName().orElse(report.entity().value()) + " \u00b7 "
          + (report.entity().isLei() ? "LEI " : "identifier ") + report.entity().value() + " \u00b7 prepared "
          + prepared.toString().substring(0, 10) + " \u00b7 tonnes of CO2 equivalent (t CO2e), GHG Protocol, ESRS E1-6",
          9, PdfCanvas.MUTED, 0, "");
      scopes();
      categories();
      other();
      chart();
      methodologyAndSources();
    }

    private void scopes() throws IOException {
      Inventory inv = report.inventory();
      c.heading("Gross Scope 1, 2, 3 and total GHG emissions", 12);
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"t CO2e", "Location-based", "Market-based"});
      String s1 = shown(Disclosure.GROSS_SCOPE_1, inv.totals().scope1Kg());
      String s3 = shown(Disclosure.GROSS_SCOPE_3, inv.totals().scope3Kg());
      rows.add(new String[] {"Scope 1 \u2013 direct emissions", s1, s1});
      rows.add(new String[] {"Scope 2 \u2013 purchased energy", shown(Disclosure.GROSS_SCOPE_2_LOCATION,
          inv.scope2LocationKg()), shown(Disclosure.GROSS_SCOPE_2_MARKET, inv.scope2MarketKg())});
      rows.add(new String[] {"Scope 3 \u2013 value chain", s3, s3});
      rows.add(new String[] {"Total GHG emissions", shown(Disclosure.TOTAL_LOCATION_BASED,
          inv.totals().locationBasedTotalKg()), shown(Disclosure.TOTAL_MARKET_BASED, inv.totals().marketBasedTotalKg())});
      c.table(new float[] {c.width() - 240, 120, 120}, new boolean[] {false, true, true}, rows, 4);
    }

    private void categories() throws IOException {
      Inventory inv = report.inventory();
      if (inv.scope3ByCategoryKg().isEmpty()) {
        return;
      }
      c.heading("Scope 3 by category (GHG Protocol)", 12);
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"Category", "t CO2e", "Share of Scope 3"});
      for (Map.Entry<Integer, Double> e : inv.scope3ByCategoryKg().entrySet()) {
        String value = fact(Disclosure.GROSS_SCOPE_3, FactAssembler.DEFAULT_CONTEXT + "-s3-cat" + e.getKey())
            .map(f -> Display.grouped(f.value())).orElse(Display.tonnes(e.getValue(), decimals));
        rows.add(new String[] {e.getKey() + " " + Scope3Categories.name(e.getKey()), value,
            Display.percent(e.getValue(), inv.totals().scope3Kg())});
      }
      c.table(new float[] {c.width() - 240, 120, 120}, new boolean[] {false, true, true}, rows, 0);
    }

    private void other() throws IOException {
      c.heading("Biogenic CO2 and intensity", 12);
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"Disclosure", "Value", "Unit"});
      rows.add(new String[] {"Biogenic CO2 (not included in Scope 1)",
          shown(Disclosure.BIOGENIC_CO2, report.inventory().biogenicCo2Kg()), "t CO2"});
      if (report.currency().isPresent()) {
        String per = "t CO2e per million " + report.currency().get().getCurrencyCode();
        fact(Disclosure.INTENSITY_LOCATION_BASED, FactAssembler.DEFAULT_CONTEXT).ifPresent(f -> rows.add(new String[] {
            "GHG intensity, location-based", Display.grouped(f.value().scaleByPowerOfTen(6)), per}));
        fact(Disclosure.INTENSITY_MARKET_BASED, FactAssembler.DEFAULT_CONTEXT).ifPresent(f -> rows.add(new String[] {
            "GHG intensity, market-based", Display.grouped(f.value().scaleByPowerOfTen(6)), per}));
      }
      c.table(new float[] {c.width() - 240, 100, 140}, new boolean[] {false, true, false}, rows, 0);
    }

    /**
     * Stacked bars per month (Scope 1, location-based Scope 2, Scope 3) on a linear axis from zero
     * to a rounded maximum; results not dated to a month get their own bar at the end.
     */
    private void chart() throws IOException {
      Map<String, Totals> bars = new LinkedHashMap<>();
      for (Map.Entry<YearMonth, Totals> e : report.byMonth().entrySet()) {
        bars.put(e.getKey().getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " "
            + (e.getKey().getYear() % 100), e.getValue());
      }
      report.notByMonth().ifPresent(t -> bars.put("no month", t));
      c.heading("Emissions by scope and month", 12);
      if (bars.isEmpty()) {
        c.paragraph("No results to chart.", 9, PdfCanvas.MUTED, 0, "");
        return;
      }
      float height = 190;
      c.need(height + 40);
      float top = c.y() - 10;
      float bottom = top - height;
      float left = PdfCanvas.MARGIN + 45;
      float right = PdfCanvas.MARGIN + c.width();
      double max = 0;
      for (Totals t : bars.values()) {
        max = Math.max(max, t.scope1Kg() + t.scope2LocationKg() + t.scope3Kg());
      }
      double axisMax = niceCeiling(max / 1000.0);
      for (int i = 0; i <= 4; i++) {
        double v = axisMax * i / 4;
        float y = bottom + (float) (height * i / 4);
        c.line(left, y, right, y, PdfCanvas.RULE, 0.5f);
        String label = BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        c.text(left - 6 - c.textWidth(label, c.regular, 8), y - 3, label, c.regular, 8, PdfCanvas.MUTED);
      }
      c.text(PdfCanvas.MARGIN, top + 4, "t CO2e", c.regular, 8, PdfCanvas.MUTED);
      float slot = (right - left) / bars.size();
      float barWidth = Math.min(36, slot * 0.6f);
      int i = 0;
      for (Map.Entry<String, Totals> e : bars.entrySet()) {
        float x = left + slot * i + (slot - barWidth) / 2;
        float y = bottom;
        double[] parts = {e.getValue().scope1Kg(), e.getValue().scope2LocationKg(), e.getValue().scope3Kg()};
        Color[] colors = {SCOPE1, SCOPE2, SCOPE3};
        for (int p = 0; p < parts.length; p++) {
          float h = axisMax == 0 ? 0 : (float) (parts[p] / 1000.0 / axisMax * height);
          if (h > 0) {
            c.fill(x, y, barWidth, h, colors[p]);
            y += h;
          }
        }
        float lw = c.textWidth(e.getKey(), c.regular, 8);
        c.text(x + barWidth / 2 - lw / 2, bottom - 12, e.getKey(), c.regular, 8, PdfCanvas.INK);
        i++;
      }
      c.line(left, bottom, right, bottom, PdfCanvas.INK, 0.8f);
      float lx = left;
      String[] names = {"Scope 1", "Scope 2 (location-based)", "Scope 3"};
      Color[] colors = {SCOPE1, SCOPE2, SCOPE3};
      for (int p = 0; p < names.length; p++) {
        c.fill(lx, bottom - 30, 9, 9, colors[p]);
        c.text(lx + 13, bottom - 29, names[p], c.regular, 8.5f, PdfCanvas.INK);
        lx += 13 + c.textWidth(names[p], c.regular, 8.5f) + 18;
      }
      c.down(height + 48);
    }

    private void methodologyAndSources() throws IOException {
      c.heading("Methodology, assumptions and emission factors", 12);
      for (MethodologyText.Block b : methodology.blocks(report, decimals)) {
        c.paragraph(b.text(), 9.5f, PdfCanvas.INK, b.bullet() ? 14 : 0, b.bullet() ? "\u2022" : "");
      }
      c.heading("Emission factor sources", 12);
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"Dataset", "Edition", "Publisher", "Records"});
      for (DatasetUse d : report.datasets()) {
        rows.add(new String[] {d.info() != null ? d.info().name() + " (" + d.datasetId() + ")" : d.datasetId(),
            d.edition(), d.info() != null ? d.info().publisher() : "\u2013", Long.toString(d.results())});
      }
      c.table(new float[] {c.width() - 330, 150, 130, 50}, new boolean[] {false, false, false, true}, rows, 0);
    }

    private String shown(Disclosure d, double fallbackKg) {
      return fact(d, FactAssembler.DEFAULT_CONTEXT).map(f -> Display.grouped(f.value()))
          .orElse(Display.tonnes(fallbackKg, decimals));
    }

    private java.util.Optional<Fact.Numeric> fact(Disclosure d, String context) {
      return mapping.concept(d).map(ConceptDefinition::name).map(q -> facts.get(q + "|" + context));
    }
  }

  /** The smallest 1, 2 or 5 times a power of ten at or above {@code v}, so axis ticks read well. */
  static double niceCeiling(double v) {
    if (v <= 0) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
    for (double step : new double[] {1, 2, 5, 10}) {
      if (step * magnitude >= v) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }
}
