package io.offgridflow.xbrl;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.inventory.Totals;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class PdfReportTest {
  private final GhgReport report = Fixtures.report();
  private final byte[] pdf = write(report);

  private static byte[] write(GhgReport report) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Fixtures.reporter().writePdf(report, out);
    Fixtures.keep("ghg-2024.pdf", out.toByteArray());
    return out.toByteArray();
  }

  private static String text(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc);
    }
  }

  /** How many filled rectangles ({@code re} then {@code f}) each page draws. */
  private static List<Integer> filledRectangles(byte[] pdf) throws IOException {
    List<Integer> counts = new ArrayList<>();
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      for (PDPage page : doc.getPages()) {
        List<Object> tokens = new PDFStreamParser(page).parse();
        int n = 0;
        for (int i = 1; i < tokens.size(); i++) {
          if (tokens.get(i) instanceof Operator f && f.getName().equals("f")
              && tokens.get(i - 1) instanceof Operator re && re.getName().equals("re")) {
            n++;
          }
        }
        counts.add(n);
      }
    }
    return counts;
  }

  @Test
  void thePdfCarriesTheSameFiguresAsTheXbrl() throws IOException {
    String text = text(pdf);
    XbrlInstance instance = Fixtures.reporter().toInstance(report);
    for (Fact f : instance.facts()) {
      if (f instanceof Fact.Numeric n && n.unitRef().equals("u-tCO2e")) {
        assertThat(text).contains(n.value().toPlainString());
      }
    }
    assertThat(text).contains("Gross Scope 1, 2, 3 and total GHG emissions", "Location-based", "Market-based",
        "6 Business travel", "Emissions by scope and month", "Methodology, assumptions and emission factors",
        "eGRID2023 (Jan 2025)", "IPCC AR5", "prepared 2025-03-01");
  }

  @Test
  void theChartDrawsOneBarSegmentPerNonZeroScopeAndMonthPlusLegendAndHeaderFills() throws IOException {
    // Non-zero (scope 1, scope 2 location, scope 3) amounts per bar, months and the undated bar.
    int segments = 0;
    List<Totals> bars = new ArrayList<>(report.byMonth().values());
    report.notByMonth().ifPresent(bars::add);
    for (Totals t : bars) {
      segments += (t.scope1Kg() > 0 ? 1 : 0) + (t.scope2LocationKg() > 0 ? 1 : 0) + (t.scope3Kg() > 0 ? 1 : 0);
    }
    // Table header shading: one per table (scopes, categories, other, sources); legend: three swatches.
    int tables = 4;
    int legend = 3;
    int total = filledRectangles(pdf).stream().mapToInt(Integer::intValue).sum();
    // The fixture's months: Jan (scope 1, scope 2), Feb (scope 2), Mar (scope 1, scope 3), undated (scope 3).
    assertThat(segments).isEqualTo(2 + 1 + 2 + 1);
    assertThat(total).isEqualTo(segments + tables + legend);
    assertThat(text(pdf)).contains("Jan 24", "Feb 24", "Mar 24", "no month", "Scope 2 (location-based)");
  }

  @Test
  void userTextTheFontCannotEncodeIsReplacedNotFatal() throws IOException {
    GhgReport r = Fixtures.report(b -> b.entityName("Café 東京 " + Fixtures.SCRIPT));
    String text = text(write(r));
    assertThat(text).contains("Café ?? " + Fixtures.SCRIPT);
  }
}
