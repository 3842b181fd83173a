package io.offgridflow.factors;

import io.offgridflow.CoreErrorCode;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.units.Unit;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One published emission factor: kilograms of each gas per unit of activity, with where it comes
 * from. Values are held in kilograms per {@link #unit()} (or per currency unit of {@link
 * #priceYear()} for spend factors); {@link #published()} keeps the factor as the publisher printed
 * it, so an auditor can compare.
 *
 * <p>Some publishers give each gas (eGRID, EPA Hub, DESNZ); some give CO2e only (USEEIO, Ember,
 * Google Cloud). For the latter {@link #gasesPublished()} is false and {@link #co2eKg()} is the
 * CO2e under {@link #co2eBasis()}; it cannot be restated under another GWP set.
 *
 * <pre>{@code
 * EmissionFactor f = EmissionFactor.builder()
 *     .id("acme-2025:supplier:acme-green")
 *     .dataset(acmeDataset)
 *     .category(FactorCategory.SUPPLIER_ELECTRICITY)
 *     .subject("acme-green")
 *     .region("US-NWPP")
 *     .name("Acme Green tariff")
 *     .unit(Unit.KWH)
 *     .co2eOnly(0.012, GwpSet.AR5)
 *     .published("0.012 kg CO2e/kWh")
 *     .build();
 * }</pre>
 */
public final class EmissionFactor {
  private final String id;
  private final DatasetInfo dataset;
  private final FactorCategory category;
  private final String subject;
  private final String region;
  private final String name;
  private final @Nullable Unit unit;
  private final @Nullable Currency currency;
  private final int priceYear;
  private final boolean gasesPublished;
  private final double co2Kg;
  private final double ch4Kg;
  private final double n2oKg;
  private final double biogenicCo2Kg;
  private final double co2eKg;
  private final @Nullable GwpSet co2eBasis;
  private final String published;
  private final String sourceRef;
  private final int scope3Category;

  private EmissionFactor(Builder b) {
    this.id = require(b.id, "id", b);
    this.dataset = Objects.requireNonNull(b.dataset, () -> "factor " + b.id + ": dataset");
    this.category = Objects.requireNonNull(b.category, () -> "factor " + b.id + ": category");
    this.subject = normalizeKey(b.subject);
    this.region = b.region.trim();
    this.name = require(b.name, "name", b);
    this.unit = b.unit;
    this.currency = b.currency;
    this.priceYear = b.priceYear;
    this.gasesPublished = b.gasesPublished;
    this.co2Kg = b.co2Kg;
    this.ch4Kg = b.ch4Kg;
    this.n2oKg = b.n2oKg;
    this.biogenicCo2Kg = b.biogenicCo2Kg;
    this.co2eKg = b.co2eKg;
    this.co2eBasis = b.co2eBasis;
    this.published = require(b.published, "published", b);
    this.sourceRef = b.sourceRef;
    this.scope3Category = b.scope3Category;
    if ((unit == null) == (currency == null)) {
      throw invalid(b, "needs exactly one of unit (physical) or currency (spend)");
    }
    if (currency != null && priceYear == 0) {
      throw invalid(b, "a spend factor needs the price year of its currency unit");
    }
    if (!gasesPublished && !Double.isFinite(co2eKg)) {
      throw invalid(b, "needs per-gas values or a CO2e value");
    }
    for (double v : new double[] {co2Kg, ch4Kg, n2oKg, biogenicCo2Kg}) {
      if (!Double.isFinite(v)) {
        throw invalid(b, "has a non-finite gas value");
      }
    }
  }

  private static String require(@Nullable String v, String field, Builder b) {
    if (v == null || v.isBlank()) {
      throw invalid(b, "is missing " + field);
    }
    return v;
  }

  private static OffGridFlowException invalid(Builder b, String what) {
    return new OffGridFlowException(
        CoreErrorCode.INVALID_CONFIGURATION,
        "emission factor " + b.id + " (dataset " + (b.dataset == null ? "?" : b.dataset.id()) + ") " + what);
  }

  /** Lower-cases and trims a subject key so lookups ignore case. */
  public static String normalizeKey(String key) {
    return key.trim().toLowerCase(Locale.ROOT);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Stable id, unique across all datasets, e.g. {@code epa-egrid-2023:NWPP}. */
  public String id() {
    return id;
  }

  public DatasetInfo dataset() {
    return dataset;
  }

  public FactorCategory category() {
    return category;
  }

  /** Fuel, mode, NAICS code or supplier key; empty when the category has none. */
  public String subject() {
    return subject;
  }

  /** Region code ({@code US-NWPP}, {@code US}, {@code GB}, {@code gcp:europe-west1}); empty if global. */
  public String region() {
    return region;
  }

  public String name() {
    return name;
  }

  /** The activity unit the factor is per; empty for spend factors. */
  public Optional<Unit> unit() {
    return Optional.ofNullable(unit);
  }

  /** The currency a spend factor is per; empty for physical factors. */
  public Optional<Currency> currency() {
    return Optional.ofNullable(currency);
  }

  /** Price year of a spend factor's currency unit; 0 for physical factors. */
  public int priceYear() {
    return priceYear;
  }

  /** Whether CO2, CH4 and N2O are given separately (and so can be restated under any GWP set). */
  public boolean gasesPublished() {
    return gasesPublished;
  }

  /** Fossil CO2 in kg per unit (0 when only CO2e is published). */
  public double co2Kg() {
    return co2Kg;
  }

  public double ch4Kg() {
    return ch4Kg;
  }

  public double n2oKg() {
    return n2oKg;
  }

  /** Biogenic CO2 in kg per unit: reported separately, outside the scopes. */
  public double biogenicCo2Kg() {
    return biogenicCo2Kg;
  }

  /** Published CO2e in kg per unit under {@link #co2eBasis()}; NaN when the publisher gives none. */
  public double co2eKg() {
    return co2eKg;
  }

  /** GWP set under which {@link #co2eKg()} was computed by the publisher, if it gives CO2e. */
  public Optional<GwpSet> co2eBasis() {
    return Optional.ofNullable(co2eBasis);
  }

  /** The factor as the publisher prints it, with units, e.g. {@code CO2 631.705 lb/MWh; ...}. */
  public String published() {
    return published;
  }

  /** Where in the publisher's file the factor sits (sheet, cell, row id); may be empty. */
  public String sourceRef() {
    return sourceRef;
  }

  /** Scope 3 category the factor's dataset files it under (1-15), or 0 when none. */
  public int scope3Category() {
    return scope3Category;
  }

  /**
   * CO2e in kg per unit under {@code gwp}. The publisher's own CO2e is used whenever it was
   * computed with the same GWP set, so results match the published factor to the digit; otherwise
   * CO2e is rebuilt from the gases.
   */
  public double co2ePerUnit(GwpTable gwp) {
    if (co2eBasis == gwp.set() && Double.isFinite(co2eKg)) {
      return co2eKg;
    }
    if (!gasesPublished) {
      return co2eKg;
    }
    return co2Kg + ch4Kg * gwp.ch4() + n2oKg * gwp.n2o();
  }

  /** A short unit label for reports, e.g. {@code kWh} or {@code USD2022}. */
  public String unitLabel() {
    return unit != null ? unit.symbol() : currency.getCurrencyCode() + priceYear;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EmissionFactor f && f.id.equals(id) && f.dataset.equals(dataset);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return id + " [" + dataset.id() + "] " + name + ": " + published;
  }

  /** Builder for {@link EmissionFactor}; validated in {@link #build()}. */
  public static final class Builder {
    private @Nullable String id;
    private @Nullable DatasetInfo dataset;
    private @Nullable FactorCategory category;
    private String subject = "";
    private String region = "";
    private @Nullable String name;
    private @Nullable Unit unit;
    private @Nullable Currency currency;
    private int priceYear;
    private boolean gasesPublished;
    private double co2Kg;
    private double ch4Kg;
    private double n2oKg;
    private double biogenicCo2Kg;
    private double co2eKg = Double.NaN;
    private @Nullable GwpSet co2eBasis;
    private @Nullable String published;
    private String sourceRef = "";
    private int scope3Category;

    private Builder() {}

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder dataset(DatasetInfo dataset) {
      this.dataset = dataset;
      return this;
    }

    public Builder category(FactorCategory category) {
      this.category = category;
      return this;
    }

    public Builder subject(String subject) {
      this.subject = subject;
      return this;
    }

    public Builder region(String region) {
      this.region = region;
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder unit(Unit unit) {
      this.unit = unit;
      return this;
    }

    /** Makes this a spend factor: kg per one {@code currency} unit in {@code priceYear} prices. */
    public Builder perCurrency(Currency currency, int priceYear) {
      this.currency = currency;
      this.priceYear = priceYear;
      return this;
    }

    /** Per-gas masses in kg per unit. */
    public Builder gases(double co2Kg, double ch4Kg, double n2oKg) {
      this.gasesPublished = true;
      this.co2Kg = co2Kg;
      this.ch4Kg = ch4Kg;
      this.n2oKg = n2oKg;
      return this;
    }

    public Builder biogenicCo2(double kg) {
      this.biogenicCo2Kg = kg;
      return this;
    }

    /** The publisher's CO2e per unit and the GWP set it used; alongside gases or alone. */
    public Builder co2e(double kg, GwpSet basis) {
      this.co2eKg = kg;
      this.co2eBasis = basis;
      return this;
    }

    /**
     * For publishers that give CO2e only. {@code basis} is the GWP set the publisher used, or
     * {@code null} when the publisher does not state one (e.g. grid intensities compiled from
     * several sources).
     */
    public Builder co2eOnly(double kg, @Nullable GwpSet basis) {
      this.gasesPublished = false;
      this.co2eKg = kg;
      this.co2eBasis = basis;
      return this;
    }

    public Builder published(String published) {
      this.published = published;
      return this;
    }

    public Builder sourceRef(String sourceRef) {
      this.sourceRef = sourceRef;
      return this;
    }

    public Builder scope3Category(int category) {
      this.scope3Category = category;
      return this;
    }

    public EmissionFactor build() {
      return new EmissionFactor(this);
    }
  }
}
