package io.offgridflow.connectors.gcp;

/**
 * How the unknown-usage rows of one service and usage unit were estimated, so an auditor can
 * reproduce the figure: {@code kwh = usageAmount x (kWh / usage amount of the basis rows)}, or
 * {@code cost x (kWh / cost of all known rows)} for {@link Basis#COST}.
 *
 * <pre>{@code
 * result.unknownEstimates().forEach(u -> LOG.info("{} {}: {} via {}", u.service(), u.unit(), u.kwh(), u.basis()));
 * }</pre>
 *
 * @param service {@code service.description}
 * @param unit {@code usage.unit}
 * @param basis which known rows the kWh ratio came from
 * @param rows unknown rows estimated
 * @param usageAmount their summed {@code usage.amount}
 * @param cost their summed {@code cost}
 * @param kwh the kWh attributed to them
 */
public record UnknownEstimate(String service, String unit, Basis basis, long rows, double usageAmount, double cost,
    double kwh) {

  /** Where the kWh ratio came from, in the order tried. */
  public enum Basis {
    /** Known rows of the same service and unit (CCF). */
    SAME_SERVICE_AND_UNIT,
    /** Known rows of the same unit, any service (CCF). */
    SAME_UNIT,
    /** kWh per cost of all known rows: where CCF gives 0 kWh (see docs/connectors-gcp.md). */
    COST,
    /** No known rows at all: 0 kWh, stated here rather than hidden. */
    NONE
  }
}
