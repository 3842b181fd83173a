package io.offgridflow.cli;

import io.offgridflow.calc.EmissionResult;
import io.offgridflow.calc.GasBreakdown;
import io.offgridflow.calc.MarketBased;
import io.offgridflow.calc.Provenance;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Writes the results file: one row per input row, in input order, ok or error. Everything after
 * the numbers (dataset, factor id and value, unit, GWP set, note) depends only on the provenance,
 * which the calculator shares across the results of one factor, so it is formatted once per factor.
 */
final class ResultWriter implements AutoCloseable {
  static final String HEADER =
      "id,status,scope,scope3_category,method,co2e_kg,co2e_market_kg,co2_kg,ch4_kg,n2o_kg,"
          + "other_ghg_co2e_kg,biogenic_co2_kg,dataset,factor_id,factor_value,factor_unit,gwp,message";

  static final String GWP_NOT_APPLIED =
      "factor published as CO2e only; the requested GWP set could not be applied";

  private static final int MAX_CACHED = 4096;

  private final CsvOut out;
  private final Map<Provenance, byte[]> tails = new IdentityHashMap<>();

  ResultWriter(CsvOut out) {
    this.out = out;
  }

  void writeHeader() {
    out.append(HEADER).append('\n');
  }

  void writeOk(EmissionResult r) {
    out.text(r.activity().id()).append(",ok,").append((char) ('0' + r.scope().number())).append(',');
    if (r.scope3Category() > 0) {
      out.integer(r.scope3Category());
    }
    out.append(',').append(r.method().code()).append(',').number(r.co2eKg()).append(',');
    MarketBased m = r.marketBased();
    if (m != null) {
      out.number(m.co2eKg());
    }
    GasBreakdown g = r.gases();
    if (g.gasesReported()) {
      out.append(',').number(g.co2Kg())
          .append(',').number(g.ch4Kg())
          .append(',').number(g.n2oKg())
          .append(',').number(g.otherGhgCo2eKg())
          .append(',').number(g.biogenicCo2Kg());
    } else {
      out.append(",,,,,");
    }
    out.append(tail(r.provenance()));
  }

  /** {@code ,dataset,factor_id,factor_value,factor_unit,gwp,message} and the line break. */
  private byte[] tail(Provenance p) {
    byte[] t = tails.get(p);
    if (t == null) {
      StringBuilder sb = new StringBuilder(160).append(',');
      sb.append(quoted(p.datasetId())).append(',');
      sb.append(quoted(p.factorId())).append(',');
      sb.append(Numbers.toString(p.factorValue())).append(',');
      sb.append(quoted(p.factorUnit())).append(',');
      sb.append(p.gwp().name()).append(',');
      if (!p.gwpApplied()) {
        sb.append(GWP_NOT_APPLIED);
      }
      t = sb.append('\n').toString().getBytes(StandardCharsets.UTF_8);
      if (tails.size() < MAX_CACHED) {
        tails.put(p, t);
      }
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
