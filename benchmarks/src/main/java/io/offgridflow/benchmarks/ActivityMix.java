package io.offgridflow.benchmarks;

import io.offgridflow.calc.Activity;
import io.offgridflow.calc.ActivityKind;
import io.offgridflow.calc.MarketInstruments;
import io.offgridflow.units.Money;
import io.offgridflow.units.Quantity;
import io.offgridflow.units.Unit;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A realistic mix of activity shapes, weighted roughly like a mid-size company's inventory:
 * mostly electricity, fuel and spend rows, some travel, a few leaks, steam and cloud. Shared by the
 * file generator (CSV rows) and the JMH benchmark (activities), so both measure the same work.
 */
final class ActivityMix {
  static final String HEADER = "id,activity,quantity,unit,region,dataset,year,fuel,mode,rf,gas,naics,"
      + "certificates_kwh,supplier_kg_per_kwh,residual_mix_kg_per_kwh,site,period";

  /** One row shape; empty strings are empty cells. */
  record Shape(
      String kind, int weight, String unit, String region, String dataset, String fuel, String mode, String rf,
      String gas, String naics, String certificates, String supplier, String residual, double minQty,
      double maxQty) {

    static Shape of(String kind, int weight, String unit, double minQty, double maxQty) {
      return new Shape(kind, weight, unit, "", "", "", "", "", "", "", "", "", "", minQty, maxQty);
    }

    Shape region(String r) {
      return new Shape(kind, weight, unit, r, dataset, fuel, mode, rf, gas, naics, certificates, supplier, residual,
          minQty, maxQty);
    }

    Shape dataset(String d) {
      return new Shape(kind, weight, unit, region, d, fuel, mode, rf, gas, naics, certificates, supplier, residual,
          minQty, maxQty);
    }

    Shape fuel(String f) {
      return new Shape(kind, weight, unit, region, dataset, f, mode, rf, gas, naics, certificates, supplier, residual,
          minQty, maxQty);
    }

    Shape mode(String m) {
      return new Shape(kind, weight, unit, region, dataset, fuel, m, rf, gas, naics, certificates, supplier, residual,
          minQty, maxQty);
    }

    Shape rf(boolean on) {
      return new Shape(kind, weight, unit, region, dataset, fuel, mode, Boolean.toString(on), gas, naics,
          certificates, supplier, residual, minQty, maxQty);
    }

    Shape gas(String g) {
      return new Shape(kind, weight, unit, region, dataset, fuel, mode, rf, g, naics, certificates, supplier, residual,
          minQty, maxQty);
    }

    Shape naics(String n) {
      return new Shape(kind, weight, unit, region, dataset, fuel, mode, rf, gas, n, certificates, supplier, residual,
          minQty, maxQty);
    }

    Shape market(String certs, String supplierRate, String residualRate) {
      return new Shape(kind, weight, unit, region, dataset, fuel, mode, rf, gas, naics, certs, supplierRate,
          residualRate, minQty, maxQty);
    }
  }

  static final List<Shape> SHAPES = List.of(
      Shape.of("electricity", 8, "kWh", 500, 250_000).region("US-NWPP"),
      Shape.of("electricity", 5, "kWh", 500, 250_000).region("US-CAMX").market("", "0.21", ""),
      Shape.of("electricity", 5, "kWh", 500, 250_000).region("US-ERCT").market("20000", "", ""),
      Shape.of("electricity", 4, "kWh", 500, 250_000).region("US-RFCE"),
      Shape.of("electricity", 3, "MWh", 1, 900).region("US-SRSO").dataset("epa-egrid-2022"),
      Shape.of("electricity", 3, "kWh", 500, 250_000).region("US-NYCW"),
      Shape.of("electricity", 3, "kWh", 500, 250_000).region("GB").market("", "", "0.35"),
      Shape.of("electricity", 2, "kWh", 500, 250_000).region("DE"),
      Shape.of("steam", 2, "MMBtu", 10, 5_000).region("US"),
      Shape.of("stationary_combustion", 8, "therm", 10, 20_000).region("US").fuel("natural_gas"),
      Shape.of("stationary_combustion", 2, "scf", 1_000, 2_000_000).region("US").fuel("natural_gas"),
      Shape.of("stationary_combustion", 2, "gal", 50, 5_000).region("US").fuel("propane"),
      Shape.of("stationary_combustion", 2, "kWh_gcv", 1_000, 500_000).region("GB").dataset("desnz-2024")
          .fuel("natural_gas"),
      Shape.of("mobile_combustion", 7, "gal", 5, 2_000).region("US").fuel("diesel"),
      Shape.of("mobile_combustion", 6, "gal", 5, 2_000).region("US").fuel("motor_gasoline"),
      Shape.of("mobile_combustion", 3, "L", 20, 8_000).region("GB").dataset("desnz-2024").fuel("diesel"),
      Shape.of("vehicle_travel", 4, "vehicle-mile", 10, 3_000).region("US").mode("passenger_car"),
      Shape.of("vehicle_travel", 2, "vehicle-mile", 10, 3_000).region("US").mode("light_truck"),
      Shape.of("passenger_travel", 3, "passenger-mile", 100, 5_000).region("US").mode("air_short_haul"),
      Shape.of("passenger_travel", 3, "passenger-mile", 300, 8_000).region("US").mode("air_medium_haul"),
      Shape.of("passenger_travel", 2, "passenger-mile", 2_300, 20_000).region("US").mode("air_long_haul"),
      Shape.of("passenger_travel", 2, "passenger-km", 3_000, 30_000).region("GB").dataset("desnz-2024")
          .mode("air_long_haul").rf(true),
      Shape.of("passenger_travel", 1, "passenger-km", 3_000, 30_000).region("GB").dataset("desnz-2024")
          .mode("air_long_haul").rf(false),
      Shape.of("passenger_travel", 2, "passenger-mile", 20, 1_500).region("US").mode("rail"),
      Shape.of("passenger_travel", 1, "passenger-mile", 5, 300).region("US").mode("bus"),
      Shape.of("refrigerant", 1, "kg", 0.1, 50).gas("R-410A"),
      Shape.of("refrigerant", 1, "kg", 0.1, 50).gas("HFC-134a"),
      Shape.of("spend", 4, "USD", 100, 250_000).region("US").naics("541511"),
      Shape.of("spend", 2, "USD", 100, 250_000).region("US").naics("334111"),
      Shape.of("spend", 2, "USD", 100, 250_000).region("US").naics("561320"),
      Shape.of("spend", 2, "USD", 100, 250_000).region("US").naics("481111"),
      Shape.of("cloud", 2, "kWh", 10, 50_000).region("gcp:europe-west1"),
      Shape.of("cloud", 1, "kWh", 10, 50_000).region("gcp:us-central1"));

  private static final String[] SITES = {"Portland", "San Jose", "Austin", "London", "Berlin", "Fleet", "Corporate"};

  private final List<Shape> shapes;
  private final int[] cumulative;
  private final SplittableRandom random;

  ActivityMix(long seed) {
    this(seed, SHAPES);
  }

  ActivityMix(long seed, List<Shape> shapes) {
    this.shapes = shapes;
    this.random = new SplittableRandom(seed);
    this.cumulative = new int[shapes.size()];
    int sum = 0;
    for (int i = 0; i < shapes.size(); i++) {
      sum += shapes.get(i).weight();
      cumulative[i] = sum;
    }
  }

  /** The shapes of one activity kind, for per-kind benchmarks. */
  static List<Shape> ofKind(String kind) {
    List<Shape> out = new ArrayList<>();
    for (Shape s : SHAPES) {
      if (s.kind().equals(kind)) {
        out.add(s);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no shapes of kind " + kind);
    }
    return out;
  }

  Shape nextShape() {
    int r = random.nextInt(cumulative[cumulative.length - 1]);
    for (int i = 0; i < cumulative.length; i++) {
      if (r < cumulative[i]) {
        return shapes.get(i);
      }
    }
    throw new AssertionError();
  }

  /** A quantity with two decimals, log-uniform between the shape's bounds, in hundredths. */
  long nextHundredths(Shape s) {
    double lo = Math.log(s.minQty());
    double hi = Math.log(s.maxQty());
    return Math.max(1, Math.round(Math.exp(lo + random.nextDouble() * (hi - lo)) * 100));
  }

  int nextYear() {
    return random.nextInt(4) == 0 ? 2023 : 2024;
  }

  String nextSite() {
    return SITES[random.nextInt(SITES.length)];
  }

  /** Appends one CSV row (no line break). */
  void appendRow(StringBuilder sb, long index) {
    Shape s = nextShape();
    long q = nextHundredths(s);
    int year = nextYear();
    sb.append('a').append(index).append(',').append(s.kind()).append(',');
    sb.append(q / 100).append('.');
    long cents = q % 100;
    if (cents < 10) {
      sb.append('0');
    }
    sb.append(cents).append(',');
    sb.append(s.unit()).append(',').append(s.region()).append(',').append(s.dataset()).append(',')
        .append(year).append(',').append(s.fuel()).append(',').append(s.mode()).append(',').append(s.rf()).append(',')
        .append(s.gas()).append(',').append(s.naics()).append(',').append(s.certificates()).append(',')
        .append(s.supplier()).append(',').append(s.residual()).append(',').append(nextSite()).append(',')
        .append(year).append("-Q").append(1 + (index % 4));
  }

  /** The next activity, built the way the CLI builds it from a row. */
  Activity nextActivity(long index) {
    Shape s = nextShape();
    double q = nextHundredths(s) / 100.0;
    int year = nextYear();
    return toActivity(s, "a" + index, q, year);
  }

  static Activity toActivity(Shape s, String id, double quantity, int year) {
    ActivityKind kind = ActivityKind.parse(s.kind());
    Activity.Builder b = Activity.builder(id, kind);
    if (kind == ActivityKind.SPEND) {
      b.money(Money.of(BigDecimal.valueOf(quantity), Money.currency(s.unit()), year));
    } else {
      b.quantity(Quantity.of(quantity, Unit.parse(s.unit())));
    }
    b.year(year).region(s.region()).dataset(s.dataset()).fuel(s.fuel()).mode(s.mode()).gas(s.gas()).naics(s.naics());
    if (!s.rf().isEmpty()) {
      b.radiativeForcing(Boolean.parseBoolean(s.rf()));
    }
    if (!s.certificates().isEmpty() || !s.supplier().isEmpty() || !s.residual().isEmpty()) {
      MarketInstruments.Builder m = MarketInstruments.builder();
      if (!s.certificates().isEmpty()) {
        m.certificatesKwh(Double.parseDouble(s.certificates()));
      }
      if (!s.supplier().isEmpty()) {
        m.supplierKgPerKwh(Double.parseDouble(s.supplier()));
      }
      if (!s.residual().isEmpty()) {
        m.residualMixKgPerKwh(Double.parseDouble(s.residual()));
      }
      b.market(m.build());
    }
    return b.build();
  }
}
