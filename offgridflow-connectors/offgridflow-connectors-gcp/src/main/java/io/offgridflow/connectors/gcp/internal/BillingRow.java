package io.offgridflow.connectors.gcp.internal;

import java.time.LocalDate;

/**
 * The columns of one billing-export row the connector uses.
 *
 * @param day usage day ({@code DATE(usage_start_time)}, UTC)
 * @param project {@code project.id}, or {@code (no project)} for billing-account-level rows
 * @param service {@code service.description}
 * @param sku {@code sku.description}, CCF's "usage type"
 * @param amount {@code usage.amount}, in {@code usage.unit}
 * @param unit {@code usage.unit}: seconds, byte-seconds, bytes, requests, ...
 * @param region region label: {@code location.region}, else {@code location.location}, else {@code global}
 * @param cost {@code cost}
 * @param costType {@code cost_type}: regular, tax, adjustment, rounding_error
 * @param machineSpec the {@code compute.googleapis.com/machine_spec} system label ("" when absent)
 *
 * <pre>{@code
 * new BillingRow(LocalDate.of(2025, 1, 31), "shop-prod", "Compute Engine", "N2 Instance Core running in Americas",
 *     7200, "seconds", "us-central1", 0.06, "regular", "n2-standard-2");
 * }</pre>
 */
public record BillingRow(LocalDate day, String project, String service, String sku, double amount, String unit,
    String region, double cost, String costType, String machineSpec) {}
