package io.offgridflow.cli;

import io.offgridflow.calc.EmissionResult;
import io.offgridflow.calc.GasBreakdown;
import io.offgridflow.calc.MarketBased;
import io.offgridflow.calc.Method;
import io.offgridflow.calc.Provenance;
import io.offgridflow.calc.Scope;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Writes the results file: one row per input row, in input order, ok or error. Everything after
 * the numbers (dataset, factor id and value, unit, GWP set, note) depends only on the provenance,
 * which the calculator shares across the results of one factor, so it is formatted once per factor;
 * likewise what comes between the id and the numbers (status, scope, category, method).
 */
final class ResultWriter implements AutoCloseable {
  static final String HEADER =
      "id,status,scope,scope3_category,method,co2e_kg,co2e_market_kg,co2_kg,ch4_kg,n2o_kg,"
          + "other_ghg_co2e_kg,biogenic_co2_kg,dataset,factor_id,factor_value,factor_unit,gwp,message";

  static final String GWP_NOT_APPLIED =
      "CO2e as published; GWP set not applicable";

  private static final int MAX_CACHED = 4096;

  private static final int CATEGORIES = 16;
  private static final int METHODS = Method.values().length;

  private final CsvOut out;
  private final Map<Provenance, byte[]> tails = new IdentityHashMap<>();
  private final double[] numbers = new double[7];
  /** Encoded prefixes by scope, Scope 3 category and method; see {@link #prefix}. */
  private final byte[][] prefixes = new byte[Scope.values().length * CATEGORIES * METHODS][];

  ResultWriter(CsvOut out) {
    this.out = out;
  }

  /** The header row. */
  void writeHeader() {
    out.append(HEADER).append('\n');
  }

  void writeOk(EmissionResult r) {
    out.text(r.activity().id()).append(prefix(r));
    // The seven numbers go through one call site: less code for the JIT to compile than seven.
    double[] v = numbers;
    MarketBased m = r.marketBased();
    GasBreakdown g = r.gases();
    v[0] = r.co2eKg();
    v[1] = m != null ? m.co2eKg() : Double.NaN;
    if (g.gasesReported()) {
      v[2] = g.co2Kg();
      v[3] = g.ch4Kg();
      v[4] = g.n2oKg();
      v[5] = g.otherGhgCo2eKg();
      v[6] = g.biogenicCo2Kg();
    } else {
      java.util.Arrays.fill(v, 2, 7, Double.NaN);
    }
    out.numbers(v);
    out.append(tail(r.provenance()));
  }

  /**
   * {@code ,ok,scope,scope3_category,method,}: a handful of combinations, each encoded once, so a
   * row copies one array instead of appending five pieces.
   */
  private byte[] prefix(EmissionResult r) {
    int category = r.scope3Category();
    if (category < 0 || category >= CATEGORIES) {
      return newPrefix(r);
    }
    int i = (r.scope().ordinal() * CATEGORIES + category) * METHODS + r.method().ordinal();
    byte[] p = prefixes[i];
    if (p == null) {
      p = newPrefix(r);
      prefixes[i] = p;
    }
    return p;
  }

  private static byte[] newPrefix(EmissionResult r) {
    StringBuilder sb = new StringBuilder(32).append(",ok,").append(r.scope().number()).append(',');
    if (r.scope3Category() > 0) {
      sb.append(r.scope3Category());
    }
    return sb.append(',').append(r.method().code()).append(',').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** {@code ,dataset,factor_id,factor_value,factor_unit,gwp,message} and the line break. */
  private byte[] tail(Provenance p) {
    byte[] t = tails.get(p);
    return t != null ? t : newTail(p);
  }

  /** Kept out of {@link #tail} so the per-row path stays small for the JIT. */
  private byte[] newTail(Provenance p) {
    StringBuilder sb = new StringBuilder(160).append(',');
    sb.append(quoted(p.datasetId())).append(',');
    sb.append(quoted(p.factorId())).append(',');
    sb.append(Numbers.toString(p.factorValue())).append(',');
    sb.append(quoted(p.factorUnit())).append(',');
    sb.append(p.gwp().name()).append(',');
    if (!p.gwpApplied()) {
      sb.append(GWP_NOT_APPLIED);
    }
    byte[] t = sb.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    if (tails.size() < MAX_CACHED) {
      tails.put(p, t);
    }
    return t;
  }

  private static String quoted(String s) {
    return CsvOut.needsQuotes(s) ? CsvOut.quote(s) : s;
  }

  void writeError(RowError e) {
    out.text(e.id()).append(",error,,,,,,,,,,,,,,,,").text(e.message()).append('\n');
  }

  void flush() {
    out.flush();
  }

  @Override
  public void close() {
    out.close();
  }
}
