package io.offgridflow.connectors.gcp.internal;

import io.offgridflow.connectors.gcp.CarbonFootprintGroup;
import java.util.List;
import java.util.TreeSet;

/**
 * Running sums of one Carbon Footprint group.
 *
 * <pre>{@code
 * CarbonSums s = new CarbonSums();
 * s.add(scope1, scope2Location, scope2Market, scope3, totalLocation, totalMarket, "14");
 * CarbonFootprintGroup g = s.toGroup(List.of("2025-01"));
 * }</pre>
 */
public final class CarbonSums {
  private double scope1;
  private double scope2Location;
  private double scope2Market;
  private double scope3;
  private double totalLocation;
  private double totalMarket;
  private long rows;
  private final TreeSet<String> versions = new TreeSet<>();

  public void add(double s1, double s2l, double s2m, double s3, double tl, double tm, String version) {
    scope1 += s1;
    scope2Location += s2l;
    scope2Market += s2m;
    scope3 += s3;
    totalLocation += tl;
    totalMarket += tm;
    rows++;
    if (!version.isEmpty()) {
      versions.add(version);
    }
  }

  public void addAll(CarbonSums o) {
    scope1 += o.scope1;
    scope2Location += o.scope2Location;
    scope2Market += o.scope2Market;
    scope3 += o.scope3;
    totalLocation += o.totalLocation;
    totalMarket += o.totalMarket;
    rows += o.rows;
    versions.addAll(o.versions);
  }

  public CarbonFootprintGroup toGroup(List<String> key) {
    return new CarbonFootprintGroup(key, scope1, scope2Location, scope2Market, scope3, totalLocation, totalMarket,
        rows, List.copyOf(versions));
  }
}
