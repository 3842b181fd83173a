package io.offgridflow.xbrl;

import io.offgridflow.calc.Activity;
import io.offgridflow.calc.EmissionResult;
import io.offgridflow.calc.GasBreakdown;
import io.offgridflow.calc.MarketBased;
import io.offgridflow.calc.Method;
import io.offgridflow.calc.Provenance;
import io.offgridflow.calc.Scope;
import io.offgridflow.factors.GwpSet;
import io.offgridflow.units.Money;
import io.offgridflow.units.Quantity;
import io.offgridflow.units.Unit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;

/** Shared test data: a small inventory with every scope, built from result records directly. */
final class Fixtures {
  /** A valid LEI: 18 characters plus the check digits the ISO 7064 rule gives them. */
  static final String LEI = "529900T8BM49AURSDO" + EntityIdentifier.leiCheckDigits("529900T8BM49AURSDO");
  static final String SCRIPT = "<script>alert('owned')</script>";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T09:00:00Z"), ZoneOffset.UTC);

  private Fixtures() {}

  static Path schemas() {
    return Path.of(System.getProperty("ogf.xbrl.schemas", "src/test/resources/xbrl-schemas"));
  }

  static Path testTaxonomy() {
    return Path.of("src/test/resources/esrs-test/esrs_all.xsd");
  }

  static SchemaCatalog catalog() {
    return SchemaCatalog.builder().mirror(schemas()).map(EsrsSet1Taxonomy.ENTRY_POINT, testTaxonomy()).build();
  }

  static XbrlValidator validator() {
    return XbrlValidator.builder().catalog(catalog()).build();
  }

  static XbrlReporter reporter() {
    return XbrlReporter.builder().clock(CLOCK).build();
  }

  static Provenance provenance(String dataset, String edition, String factorId, boolean gwpApplied) {
    return new Provenance(factorId, dataset, edition, "factor " + factorId, 1.0, "unit", "1.0", "row 1", GwpSet.AR5,
        gwpApplied);
  }

  static EmissionResult result(Activity a, Scope scope, int category, Method method, double kg, double biogenicKg,
      Double marketKg, Provenance p) {
    return new EmissionResult(a, scope, category, method, kg,
        new GasBreakdown(kg, 0, 0, 0, biogenicKg, true),
        marketKg == null ? null : new MarketBased(marketKg, List.of()), p, 1.0, "");
  }

  /**
   * Six results over three months and the year, every scope, two Scope 3 categories, biogenic CO2,
   * and a site name that is an HTML script tag.
   */
  static List<EmissionResult> results() {
    Provenance egrid = provenance("epa-egrid-2023", "eGRID2023 (Jan 2025)", "epa-egrid-2023:NWPP", true);
    Provenance hub = provenance("epa-hub-2025", "GHG Emission Factors Hub 2025", "epa-hub-2025:natural_gas", true);
    Provenance desnz = provenance("desnz-2024", "2024 v1.1", "desnz-2024:air_long_haul", true);
    Provenance useeio = provenance("useeio-1.3", "v1.3.0", "useeio-1.3:541511", false);
    return List.of(
        result(Activity.electricity("e1", Quantity.of(2500, Unit.KWH), "US-NWPP").period("2024-01").site(SCRIPT).build(),
            Scope.SCOPE_2, 0, Method.LOCATION_BASED, 720.46, 0, 432.28, egrid),
        result(Activity.electricity("e2", Quantity.of(1000, Unit.KWH), "US-NWPP").period("2024-02").build(),
            Scope.SCOPE_2, 0, Method.LOCATION_BASED, 288.18, 0, 0.0, egrid),
        result(Activity.stationaryCombustion("g1", Quantity.of(120, Unit.THERM), "natural_gas").period("2024-01").build(),
            Scope.SCOPE_1, 0, Method.FUEL_BASED, 636.9, 0, null, hub),
        result(Activity.stationaryCombustion("w1", Quantity.of(2, Unit.TONNE), "wood").period("2024-03").build(),
            Scope.SCOPE_1, 0, Method.FUEL_BASED, 1.5, 3600.0, null, hub),
        result(Activity.passengerTravel("t1", Quantity.of(5000, Unit.PASSENGER_KM), "air_long_haul").period("2024-03")
                .build(),
            Scope.SCOPE_3, 6, Method.DISTANCE_BASED, 750.125, 0, null, desnz),
        result(Activity.spend("s1", Money.of(10_000, "USD", 2022), "541511").year(2024).build(),
            Scope.SCOPE_3, 1, Method.SPEND_BASED, 1234.5678, 0, null, useeio));
  }

  static GhgReport report() {
    return report(b -> {});
  }

  static GhgReport report(Consumer<GhgReport.Builder> customise) {
    GhgReport.Builder b = GhgReport.builder()
        .entity(EntityIdentifier.lei(LEI))
        .entityName("Acme " + SCRIPT + " & Söhne")
        .period(ReportingPeriod.year(2024))
        .netRevenue(new BigDecimal("2500000"), "EUR")
        .results(results());
    customise.accept(b);
    return b.build();
  }

  static byte[] xbrl(XbrlInstance instance) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    reporter().writeXbrl(instance, out);
    return out.toByteArray();
  }

  /** Keeps a generated document in the build folder for a person to look at. */
  static void keep(String name, byte[] bytes) {
    Path dir = Path.of(System.getProperty("ogf.xbrl.out", "target/xbrl-out"));
    try {
      Files.createDirectories(dir);
      Files.write(dir.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
