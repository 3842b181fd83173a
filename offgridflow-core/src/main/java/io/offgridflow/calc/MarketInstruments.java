package io.offgridflow.calc;

import io.offgridflow.CoreErrorCode;

import io.offgridflow.OffGridFlowException;
import org.jspecify.annotations.Nullable;

/**
 * Contractual instruments behind market-based Scope 2 electricity, applied in the GHG Protocol
 * Scope 2 hierarchy: energy attribute certificates (zero-emission) cover consumption first; the
 * rest takes the supplier-specific rate (given here as a number, or named here and found in the
 * catalog as a {@code SUPPLIER_ELECTRICITY} factor), else the residual mix (given here or found in
 * the catalog for the region), else the grid average.
 *
 * <pre>{@code
 * MarketInstruments m = MarketInstruments.builder()
 *     .certificatesKwh(40_000)
 *     .supplierKgPerKwh(0.21)
 *     .build();
 * }</pre>
 *
 * @param certificatesKwh consumption covered by zero-emission certificates (RECs, GOs, PPAs)
 * @param supplierKgPerKwh the supplier's specific CO2e rate, or null
 * @param residualMixKgPerKwh the residual-mix CO2e rate, or null
 * @param supplier key of a supplier-specific factor in the catalog (category {@code
 *     SUPPLIER_ELECTRICITY}), used when no supplier rate is given; or null
 */
public record MarketInstruments(
    double certificatesKwh,
    @Nullable Double supplierKgPerKwh,
    @Nullable Double residualMixKgPerKwh,
    @Nullable String supplier) {

  /** No instruments: market-based equals location-based unless the catalog has a residual mix. */
  public static final MarketInstruments NONE = new MarketInstruments(0, null, null, null);

  public MarketInstruments {
    requireRate(certificatesKwh, "certificates_kwh");
    if (supplierKgPerKwh != null) {
      requireRate(supplierKgPerKwh, "supplier_kg_per_kwh");
    }
    if (residualMixKgPerKwh != null) {
      requireRate(residualMixKgPerKwh, "residual_mix_kg_per_kwh");
    }
  }

  private static void requireRate(double v, String field) {
    if (!Double.isFinite(v) || v < 0) {
      throw new OffGridFlowException(
          CoreErrorCode.INVALID_ACTIVITY, field + " must be a finite number >= 0, got " + v);
    }
  }

  public boolean isEmpty() {
    return certificatesKwh == 0 && supplierKgPerKwh == null && residualMixKgPerKwh == null && supplier == null;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builder for {@link MarketInstruments}. */
  public static final class Builder {
    private double certificatesKwh;
    private @Nullable Double supplierRate;
    private @Nullable Double residual;
    private @Nullable String supplier;

    private Builder() {}

    public Builder certificatesKwh(double kwh) {
      this.certificatesKwh = kwh;
      return this;
    }

    public Builder supplierKgPerKwh(double rate) {
      this.supplierRate = rate;
      return this;
    }

    public Builder residualMixKgPerKwh(double rate) {
      this.residual = rate;
      return this;
    }

    /** Names a supplier-specific factor the host added to the catalog. */
    public Builder supplier(String supplierKey) {
      this.supplier = supplierKey;
      return this;
    }

    public MarketInstruments build() {
      return new MarketInstruments(certificatesKwh, supplierRate, residual, supplier);
    }
  }
}
