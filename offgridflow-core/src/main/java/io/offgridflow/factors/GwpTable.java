package io.offgridflow.factors;

import io.offgridflow.CoreErrorCode;

import io.offgridflow.OffGridFlowException;
import java.util.Map;
import java.util.Optional;

/**
 * The GWP100 values of one IPCC assessment report, looked up by gas name, formula or refrigerant
 * designation (e.g. {@code CH4}, {@code HFC-134a}, {@code SF6}, {@code R-410A}).
 *
 * <pre>{@code
 * GwpTable ar5 = catalog.gwp(GwpSet.AR5);
 * double hfc134a = ar5.gwp("HFC-134a");   // 1300
 * }</pre>
 */
public final class GwpTable {
  private final GwpSet set;
  private final Map<String, GwpValue> byKey;
  private final double ch4;
  private final double n2o;

  /** A GWP with the dataset row it comes from (or how it was computed, for blends). */
  public record GwpValue(String gas, double gwp, String datasetId, String source) {}

  public GwpTable(GwpSet set, Map<String, GwpValue> byKey) {
    this.set = set;
    this.byKey = Map.copyOf(byKey);
    this.ch4 = require("CH4").gwp();
    this.n2o = require("N2O").gwp();
  }

  public GwpSet set() {
    return set;
  }

  /** GWP of methane (the non-fossil/generic value of the report). */
  public double ch4() {
    return ch4;
  }

  public double n2o() {
    return n2o;
  }

  /** Normalises gas names so {@code hfc134a}, {@code HFC-134a} and {@code R-134a} meet. */
  public static String key(String gas) {
    String k = gas.trim().toUpperCase(java.util.Locale.ROOT).replace(" ", "").replace("_", "-");
    if (k.startsWith("R") && !k.startsWith("R-") && k.length() > 1 && Character.isDigit(k.charAt(1))) {
      k = "R-" + k.substring(1);
    }
    if (k.startsWith("HFC") && !k.startsWith("HFC-")) {
      k = "HFC-" + k.substring(3);
    }
    return k;
  }

  public Optional<GwpValue> find(String gas) {
    return Optional.ofNullable(byKey.get(key(gas)));
  }

  /**
   * The GWP entry of a gas or blend.
   *
   * @throws OffGridFlowException naming the gas and the set when it is not in the table
   */
  public GwpValue require(String gas) {
    GwpValue v = byKey.get(key(gas));
    if (v == null) {
      throw new OffGridFlowException(
          CoreErrorCode.FACTOR_NOT_FOUND,
          "no " + set + " GWP for gas '" + gas + "' (dataset " + set.datasetId() + ")");
    }
    return v;
  }

  public double gwp(String gas) {
    return require(gas).gwp();
  }

  /** Every entry, keyed by normalised name. */
  public Map<String, GwpValue> entries() {
    return byKey;
  }
}
