package io.offgridflow.cloud;

/**
 * A source of cloud usage (a bill export, an API) turned into estimated energy and emissions. Every
 * connector syncs incrementally: a source it has already counted (same checkpoint fingerprint in
 * the {@link io.offgridflow.cloud.spi.ConnectorStateStore}) is skipped, so a re-run never counts a
 * bill twice; a changed source (a re-delivered month) is re-read and reported as superseding.
 *
 * <pre>{@code
 * Connector<CurResult> cur = CurConnector.builder().file(Path.of("bill.csv.gz")).build();
 * CurResult r = cur.sync(SyncContext.builder().stateStore(store).build());
 * }</pre>
 *
 * @param <R> the connector's result type
 */
public interface Connector<R> {

  /** Stable id used as the checkpoint namespace, e.g. {@code aws-cur}. */
  String id();

  /**
   * Reads what is new since the last checkpoint.
   *
   * @throws io.offgridflow.OffGridFlowException with a {@link CloudErrorCode} on bad input,
   *     I/O failure or cancellation; no checkpoint is committed then
   */
  R sync(SyncContext context);
}
