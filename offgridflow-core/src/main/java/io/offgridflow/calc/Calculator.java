package io.offgridflow.calc;

import io.offgridflow.CoreErrorCode;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.calc.internal.CalculatorTelemetry;
import io.offgridflow.calc.internal.FactorResolver;
import io.offgridflow.calc.internal.ResolvedFactor;
import io.offgridflow.calc.spi.CloudEnergyModel;
import io.offgridflow.factors.CpiTable;
import io.offgridflow.factors.DatasetInfo;
import io.offgridflow.factors.EmissionFactor;
import io.offgridflow.factors.FactorCatalog;
import io.offgridflow.factors.FactorCategory;
import io.offgridflow.factors.GwpSet;
import io.offgridflow.factors.GwpTable;
import io.offgridflow.units.Dimension;
import io.offgridflow.units.Money;
import io.offgridflow.units.Quantity;
import io.offgridflow.units.Unit;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Turns activities into emissions, following the GHG Protocol. Immutable and thread-safe; build
 * one and share it. Factor resolution is cached per activity shape, so the first activity of a
 * kind, region and unit pays for the lookup and the rest only multiply.
 *
 * <pre>{@code
 * Calculator calc = Calculator.builder()
 *     .catalog(FactorCatalog.bundled())
 *     .gwp(GwpSet.AR5)
 *     .build();
 * EmissionResult r = calc.calculate(
 *     Activity.electricity("e1", Quantity.of(2500, Unit.KWH), "US-NWPP").build());
 * r.co2eKg();                        // location-based
 * r.marketCo2eKg();                  // market-based
 * r.provenance().factorId();         // epa-egrid-2023:NWPP
 * }</pre>
 */
public final class Calculator {
  private final FactorResolver resolver;
  private final FactorCatalog catalog;
  private final GwpSet defaultGwp;
  private final Map<GwpSet, GwpTable> gwpTables;
  private final @Nullable CloudEnergyModel cloudModel;
  private final CalculatorTelemetry telemetry;
  private final Map<Long, Double> cpiRatios = new ConcurrentHashMap<>();
  private final Map<GwpKey, GwpResolution> gwpResolutions = new ConcurrentHashMap<>();
  private final Map<SpendNoteKey, String> spendNotes = new ConcurrentHashMap<>();

  private Calculator(Builder b) {
    this.catalog = b.catalog != null ? b.catalog : FactorCatalog.bundled();
    this.resolver = new FactorResolver(catalog);
    this.defaultGwp = b.gwp;
    this.gwpTables = new EnumMap<>(GwpSet.class);
    for (GwpSet s : GwpSet.values()) {
      gwpTables.put(s, catalog.gwp(s));
    }
    this.cloudModel = b.cloudModel;
    this.telemetry = new CalculatorTelemetry(b.openTelemetry);
  }

  public static Builder builder() {
    return new Builder();
  }

  public FactorCatalog catalog() {
    return catalog;
  }

  public GwpSet defaultGwp() {
    return defaultGwp;
  }

  /**
   * Calculates one activity.
   *
   * @throws OffGridFlowException when the activity cannot be calculated: {@link
   *     FactorNotFoundException} and {@link InvalidActivityException} name the field and value
   */
  public EmissionResult calculate(Activity a) {
    try {
      EmissionResult r = dispatch(a);
      telemetry.succeeded(a.kind());
      return r;
    } catch (OffGridFlowException e) {
      telemetry.failed(a.kind(), e.code());
      throw e;
    }
  }

  /**
   * Calculates a batch under one span. Failures do not stop the batch: each activity ends up in
   * the results or, with its error, in the failures.
   */
  @SuppressWarnings("try") // the scope only makes the span current for the calls inside
  public BatchResult calculateAll(List<Activity> activities) {
    long start = System.nanoTime();
    Span span = telemetry.startBatch(activities.size());
    List<EmissionResult> ok = new ArrayList<>(activities.size());
    List<BatchResult.Failure> failed = new ArrayList<>();
    try (io.opentelemetry.context.Scope ignored = span.makeCurrent()) {
      for (int i = 0; i < activities.size(); i++) {
        Activity a = activities.get(i);
        try {
          ok.add(calculate(a));
        } catch (OffGridFlowException e) {
          failed.add(new BatchResult.Failure(i, a, e));
        }
      }
      span.setAttribute("offgridflow.batch.failed", (long) failed.size());
      if (!failed.isEmpty()) {
        span.setStatus(StatusCode.ERROR, failed.size() + " of " + activities.size() + " activities failed");
      }
    } finally {
      span.end();
      telemetry.batchFinished(System.nanoTime() - start);
    }
    return new BatchResult(ok, failed);
  }

  private EmissionResult dispatch(Activity a) {
    GwpTable gwp = gwpTables.get(a.gwp().orElse(defaultGwp));
    return switch (a.kind()) {
      case ELECTRICITY -> electricity(a, gwp);
      case STEAM -> physical(a, gwp, FactorCategory.STEAM_HEAT, "fuel", a.fuel().orElse("steam"),
          a.requireQuantity(), Method.ENERGY_BASED);
      case STATIONARY_COMBUSTION -> physical(a, gwp, FactorCategory.STATIONARY_FUEL, "fuel", a.fuel().orElseThrow(),
          fuelQuantity(a), Method.FUEL_BASED);
      case MOBILE_COMBUSTION -> isDistance(a.requireQuantity())
          ? physical(a, gwp, FactorCategory.VEHICLE_DISTANCE, "mode", a.mode().orElseThrow(),
              vehicleDistance(a.requireQuantity()), Method.DISTANCE_BASED)
          : physical(a, gwp, FactorCategory.MOBILE_FUEL, "fuel", a.fuel().orElseThrow(),
              fuelQuantity(a), Method.FUEL_BASED);
      case VEHICLE_TRAVEL -> physical(a, gwp, FactorCategory.VEHICLE_DISTANCE, "mode", a.mode().orElseThrow(),
          vehicleDistance(a.requireQuantity()), Method.DISTANCE_BASED);
      case PASSENGER_TRAVEL -> passengerTravel(a, gwp);
      case REFRIGERANT -> refrigerant(a, gwp);
      case SPEND -> spend(a, gwp);
      case CLOUD -> cloud(a, gwp);
    };
  }

  private static boolean isDistance(Quantity q) {
    return q.dimension() == Dimension.DISTANCE || q.dimension() == Dimension.VEHICLE_DISTANCE;
  }

  /** A vehicle travelling 1 km is 1 vehicle-km: plain distance is read as vehicle distance. */
  private static Quantity vehicleDistance(Quantity q) {
    return q.dimension() == Dimension.DISTANCE ? Quantity.of(q.valueIn(Unit.KILOMETRE), Unit.VEHICLE_KM) : q;
  }

  /**
   * Fuel energy must say whether it is gross or net: the two differ by 5-10% and a bill in plain
   * kWh does not say which. MMBtu, therm and GJ follow EPA's gross (HHV) convention.
   */
  private static Quantity fuelQuantity(Activity a) {
    Quantity q = a.requireQuantity();
    Unit u = q.unit();
    if (u == Unit.WH || u == Unit.KWH || u == Unit.MWH || u == Unit.GWH) {
      throw new InvalidActivityException(a.id(), "unit", u.symbol(),
          "fuel energy needs its calorific basis: use kWh_gcv (gross) or kWh_ncv (net); MMBtu, therm and GJ are read as gross");
    }
    return q;
  }

  private EmissionResult physical(
      Activity a, GwpTable gwp, FactorCategory category, String subjectField, String subject, Quantity q,
      Method method) {
    ResolvedFactor rf = resolver.resolve(
        a.id(), category, subjectField, subject, a.region().orElse(null), q.unit(), a.dataset().orElse(null), gwp);
    double fq = q.value() * rf.toFactorUnit();
    return result(a, method, fq * rf.co2ePerFactorUnit(), gases(rf.factor(), fq), null, rf, fq);
  }

  private EmissionResult passengerTravel(Activity a, GwpTable gwp) {
    String mode = a.mode().orElseThrow();
    Method m = Method.DISTANCE_BASED;
    if (!a.radiativeForcing()) {
      return physical(a, gwp, FactorCategory.PASSENGER_DISTANCE, "mode", mode, a.requireQuantity(), m);
    }
    try {
      return physical(a, gwp, FactorCategory.PASSENGER_DISTANCE, "mode", mode + ":rf", a.requireQuantity(), m);
    } catch (FactorNotFoundException e) {
      throw new FactorNotFoundException(a.id(), "rf", "true",
          "no radiative-forcing factor for mode '" + mode + "'"
              + a.dataset().map(d -> " in dataset " + d).orElse("")
              + "; DESNZ gives air factors with RF (dataset desnz-2024, region GB), EPA does not: set rf=false or pick DESNZ");
    }
  }

  private EmissionResult electricity(Activity a, GwpTable gwp) {
    Quantity q = a.requireQuantity();
    ResolvedFactor rf = resolver.resolve(a.id(), FactorCategory.GRID_ELECTRICITY, "region", "",
        a.region().orElseThrow(), q.unit(), a.dataset().orElse(null), gwp);
    double fq = q.value() * rf.toFactorUnit();
    double location = fq * rf.co2ePerFactorUnit();
    MarketBased market = marketBased(a, q, rf, location, supplierFactor(a, q.unit(), gwp));
    return result(a, Method.LOCATION_BASED, location, gases(rf.factor(), fq), market, rf, fq);
  }

  private @Nullable ResolvedFactor supplierFactor(Activity a, Unit unit, GwpTable gwp) {
    String supplier = a.market().supplier();
    if (supplier == null || a.market().supplierKgPerKwh() != null) {
      return null;
    }
    return resolver.resolve(a.id(), FactorCategory.SUPPLIER_ELECTRICITY, "supplier", supplier,
        a.region().orElse(null), unit, null, gwp);
  }

  /** GHG Protocol Scope 2 hierarchy: certificates, then supplier rate, residual mix, grid average. */
  private static MarketBased marketBased(
      Activity a, Quantity q, ResolvedFactor grid, double location, @Nullable ResolvedFactor supplier) {
    MarketInstruments m = a.market();
    double kwh = q.valueIn(Unit.KWH);
    double gridPerKwh = perKwh(grid);
    if (m.isEmpty() && grid.residualMix() == null) {
      // No instrument applies: market-based is the location-based figure, to the bit.
      return new MarketBased(location, List.of(
          new MarketBased.Segment(MarketBased.Basis.GRID_AVERAGE, kwh, gridPerKwh, grid.factor().id())));
    }
    List<MarketBased.Segment> segments = new ArrayList<>(2);
    double covered = Math.min(m.certificatesKwh(), kwh);
    if (covered > 0) {
      segments.add(new MarketBased.Segment(MarketBased.Basis.CERTIFICATES, covered, 0.0, "activity"));
    }
    double rest = kwh - covered;
    MarketBased.Segment restSegment;
    if (m.supplierKgPerKwh() != null) {
      restSegment = new MarketBased.Segment(MarketBased.Basis.SUPPLIER_SPECIFIC, rest, m.supplierKgPerKwh(), "activity");
    } else if (supplier != null) {
      restSegment = new MarketBased.Segment(MarketBased.Basis.SUPPLIER_SPECIFIC, rest, perKwh(supplier), supplier.factor().id());
    } else if (m.residualMixKgPerKwh() != null) {
      restSegment = new MarketBased.Segment(MarketBased.Basis.RESIDUAL_MIX, rest, m.residualMixKgPerKwh(), "activity");
    } else if (grid.residualMix() != null) {
      ResolvedFactor rm = grid.residualMix();
      restSegment = new MarketBased.Segment(MarketBased.Basis.RESIDUAL_MIX, rest, perKwh(rm), rm.factor().id());
    } else {
      restSegment = new MarketBased.Segment(MarketBased.Basis.GRID_AVERAGE, rest, gridPerKwh, grid.factor().id());
    }
    if (rest > 0 || segments.isEmpty()) {
      segments.add(restSegment);
    }
    return new MarketBased(rest * restSegment.kgPerKwh(), segments);
  }

  private static double perKwh(ResolvedFactor f) {
    return f.co2ePerFactorUnit() * Unit.KWH.factorTo(f.factor().unit().orElseThrow());
  }

  /** A gas's GWP resolved once per (gas, GWP set, pin): refrigerant rows repeat a few gases. */
  private record GwpResolution(String gasKey, double gwp, Provenance provenance, String note) {}

  private record GwpKey(String gas, GwpTable table, @Nullable String pinned) {
    // Hand-written for the per-row lookup; see FactorResolver.Key.
    @Override
    public int hashCode() {
      return (31 * gas.hashCode() + System.identityHashCode(table)) * 31 + (pinned == null ? 0 : pinned.hashCode());
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof GwpKey k && table == k.table && gas.equals(k.gas) && Objects.equals(pinned, k.pinned);
    }
  }

  private EmissionResult refrigerant(Activity a, GwpTable requested) {
    String pinned = a.dataset().orElse(null);
    GwpTable gwp = pinned != null && pinned.startsWith("ipcc-") ? gwpTables.get(GwpSet.parse(pinned)) : requested;
    String gas = a.gas().orElseThrow();
    GwpKey key = new GwpKey(gas, gwp, pinned);
    GwpResolution res = gwpResolutions.get(key);
    if (res == null) {
      res = resolveGwp(a, gas, gwp, pinned);
      gwpResolutions.put(key, res);
    }
    double kg = a.requireQuantity().valueIn(Unit.KILOGRAM);
    double co2e = kg * res.gwp();
    GasBreakdown g = switch (res.gasKey()) {
      case "CO2" -> new GasBreakdown(kg, 0, 0, 0, 0, true);
      case "CH4" -> new GasBreakdown(0, kg, 0, 0, 0, true);
      case "N2O" -> new GasBreakdown(0, 0, kg, 0, 0, true);
      default -> new GasBreakdown(0, 0, 0, co2e, 0, true);
    };
    return new EmissionResult(a, Scope.SCOPE_1, 0, Method.GWP_BASED, co2e, g, null, res.provenance(), kg, res.note());
  }

  private GwpResolution resolveGwp(Activity a, String gas, GwpTable gwp, @Nullable String pinned) {
    GwpTable.GwpValue v = gwp.find(gas).orElseThrow(() -> new FactorNotFoundException(a.id(), "gas", gas,
        "no " + gwp.set() + " GWP for gas '" + gas + "'; give a gas name, formula or ASHRAE blend"
            + " designation such as HFC-134a, SF6, R-410A"));
    if (pinned != null && !pinned.startsWith("ipcc-") && !pinned.equals(v.datasetId())) {
      throw new FactorNotFoundException(a.id(), "dataset", pinned,
          "refrigerant GWPs come from the IPCC datasets (ipcc-ar4/ar5/ar6) or, for AR5 blends, epa-hub-2025; "
              + gas + " under " + gwp.set() + " comes from " + v.datasetId());
    }
    String gasKey = GwpTable.key(gas);
    String edition = catalog.dataset(v.datasetId()).map(DatasetInfo::edition).orElse(v.datasetId());
    Provenance p = new Provenance(v.datasetId() + ":" + gasKey, v.datasetId(), edition, v.gas(), v.gwp(), "kg",
        "GWP100 " + v.gwp(), v.source(), gwp.set(), true);
    return new GwpResolution(gasKey, v.gwp(), p,
        "kg of " + gas + " released x GWP100 " + v.gwp() + " (" + gwp.set() + ", " + v.source() + ")");
  }

  private EmissionResult spend(Activity a, GwpTable gwp) {
    Money money = a.money().orElseThrow();
    ResolvedFactor rf = resolver.resolve(a.id(), FactorCategory.SPEND, "naics", a.naics().orElseThrow(),
        a.region().orElse(null), null, a.dataset().orElse(null), gwp);
    EmissionFactor f = rf.factor();
    String code = money.currency().getCurrencyCode();
    String factorCurrency = f.currency().orElseThrow().getCurrencyCode();
    if (!factorCurrency.equals(code)) {
      throw new FactorNotFoundException(a.id(), "unit", code,
          "spend is in " + code + " but factor " + f.id() + " is per " + f.unitLabel() + "; convert the spend to "
              + factorCurrency
              + " first (no exchange rates are bundled)");
    }
    double ratio = cpiRatio(a, money, f);
    double fq = money.amount().doubleValue() * ratio;
    String note = ratio == 1.0 ? rf.note() : spendNotes.computeIfAbsent(new SpendNoteKey(rf, money.priceYear()),
        k -> k.priceYear() + " " + code + " x CPI ratio " + ratio + " = " + f.unitLabel() + "; " + rf.note());
    return new EmissionResult(a, Scope.SCOPE_3, scope3Category(a), Method.SPEND_BASED, fq * rf.co2ePerFactorUnit(),
        GasBreakdown.co2eOnly(), null, rf.provenance(), fq, note);
  }

  /** Keyed by the cached factor's identity: the resolver hands out one instance per factor shape. */
  private record SpendNoteKey(ResolvedFactor factor, int priceYear) {
    @Override
    public int hashCode() {
      return System.identityHashCode(factor) * 31 + priceYear;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof SpendNoteKey k && factor == k.factor && priceYear == k.priceYear;
    }
  }

  private double cpiRatio(Activity a, Money money, EmissionFactor f) {
    int from = money.priceYear();
    int to = f.priceYear();
    if (from == to) {
      return 1.0;
    }
    CpiTable cpi = catalog.cpi();
    if (!cpi.currencyCode().equals(money.currency().getCurrencyCode())) {
      throw new FactorNotFoundException(a.id(), "unit", money.currency().getCurrencyCode(),
          "no price index for " + money.currency().getCurrencyCode() + " to deflate " + from + " spend to " + to);
    }
    long key = ((long) from << 32) | to;
    Double r = cpiRatios.get(key);
    if (r == null) {
      try {
        r = cpi.ratio(from, to).doubleValue();
      } catch (OffGridFlowException e) {
        throw new InvalidActivityException(a.id(), "year", Integer.toString(from), e.getMessage());
      }
      cpiRatios.put(key, r);
    }
    return r;
  }

  private EmissionResult cloud(Activity a, GwpTable gwp) {
    Quantity q = a.requireQuantity();
    String region = a.region().orElseThrow(() -> new InvalidActivityException(a.id(), "region", "",
        "cloud activities need a region such as gcp:europe-west1"));
    if (q.dimension() == Dimension.ENERGY) {
      ResolvedFactor rf = cloudGridFactor(a, region, q.unit(), gwp);
      double fq = q.value() * rf.toFactorUnit();
      return result(a, Method.LOCATION_BASED, fq * rf.co2ePerFactorUnit(), gases(rf.factor(), fq), null, rf, fq);
    }
    if (cloudModel == null) {
      throw new InvalidActivityException(a.id(), "unit", q.unit().symbol(),
          "cloud usage in " + q.unit().symbol() + " needs a cloud energy model (Calculator.builder().cloudEnergyModel(...),"
              + " supplied by the offgridflow connectors); or give the usage as energy in kWh");
    }
    CloudEnergyModel.CloudEstimate est = cloudModel.estimate(a);
    ResolvedFactor rf = cloudGridFactor(a, est.gridRegion(), Unit.KWH, gwp);
    double fq = est.kwh() * rf.toFactorUnit();
    double co2e = fq * rf.co2ePerFactorUnit() + est.embodiedCo2eKg();
    return new EmissionResult(a, Scope.SCOPE_3, scope3Category(a), Method.CLOUD_ESTIMATED, co2e,
        gases(rf.factor(), fq), null, rf.provenance(), fq,
        cloudModel.methodology() + ": " + est.description() + "; " + est.kwh() + " kWh; embodied "
            + est.embodiedCo2eKg() + " kg CO2e; " + rf.note());
  }

  /** A provider region's own grid factor if a dataset has one, else the grid region's. */
  private ResolvedFactor cloudGridFactor(Activity a, String region, Unit unit, GwpTable gwp) {
    String pinned = a.dataset().orElse(null);
    if (region.indexOf(':') >= 0) {
      return resolver.resolve(a.id(), FactorCategory.CLOUD_REGION, "region", "", region, unit, pinned, gwp);
    }
    return resolver.resolve(a.id(), FactorCategory.GRID_ELECTRICITY, "region", "", region, unit, pinned, gwp);
  }

  private static GasBreakdown gases(EmissionFactor f, double fq) {
    if (!f.gasesPublished()) {
      double bio = f.biogenicCo2Kg() * fq;
      return bio == 0 ? GasBreakdown.co2eOnly() : new GasBreakdown(0, 0, 0, 0, bio, false);
    }
    return new GasBreakdown(f.co2Kg() * fq, f.ch4Kg() * fq, f.n2oKg() * fq, 0, f.biogenicCo2Kg() * fq, true);
  }

  private static int scope3Category(Activity a) {
    return a.scope3Category() != 0 ? a.scope3Category() : a.kind().defaultScope3Category();
  }

  private static EmissionResult result(
      Activity a, Method method, double co2e, GasBreakdown g, @Nullable MarketBased market, ResolvedFactor rf,
      double fq) {
    Scope scope = a.kind().scope();
    int cat = scope == Scope.SCOPE_3 ? scope3Category(a) : 0;
    return new EmissionResult(a, scope, cat, method, co2e, g, market, rf.provenance(), fq, rf.note());
  }

  /** Builder for {@link Calculator}. */
  public static final class Builder {
    private @Nullable FactorCatalog catalog;
    private GwpSet gwp = GwpSet.AR5;
    private @Nullable CloudEnergyModel cloudModel;
    private OpenTelemetry openTelemetry = OpenTelemetry.noop();

    private Builder() {}

    /** The factors to use; defaults to {@link FactorCatalog#bundled()}. */
    public Builder catalog(FactorCatalog catalog) {
      this.catalog = catalog;
      return this;
    }

    /** Default GWP set (AR5 unless set); an activity may override it. */
    public Builder gwp(GwpSet gwp) {
      this.gwp = gwp;
      return this;
    }

    /** Model that turns cloud usage (vCPU-hours, GB-hours, ...) into energy. */
    public Builder cloudEnergyModel(CloudEnergyModel model) {
      this.cloudModel = model;
      return this;
    }

    /** Where metrics and spans go; no-op by default. */
    public Builder openTelemetry(OpenTelemetry otel) {
      this.openTelemetry = otel;
      return this;
    }

    public Calculator build() {
      if (gwp == null || openTelemetry == null) {
        throw new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION, "gwp and openTelemetry must not be null");
      }
      return new Calculator(this);
    }
  }
}
