package io.offgridflow.jobs.internal;

import io.offgridflow.jobs.spi.QueueStats;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableDoubleGauge;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The job system's OpenTelemetry instruments. Metrics carry job type and queue but not the tenant:
 * a host may have thousands of tenants, and each would multiply every time series; the tenant is on
 * the per-run span instead, where cardinality costs nothing.
 *
 * <pre>{@code
 * JobsTelemetry t = new JobsTelemetry(otel);
 * Attributes a = t.attributes("report.render", "default");
 * t.claimed(a, 1);
 * t.started(a);
 * t.stopped(a, nanos);
 * t.succeeded(a, 1);
 * }</pre>
 */
public final class JobsTelemetry {
  private static final String SCOPE = "io.offgridflow.jobs";
  public static final AttributeKey<String> TYPE = AttributeKey.stringKey("offgridflow.jobs.type");
  public static final AttributeKey<String> QUEUE = AttributeKey.stringKey("offgridflow.jobs.queue");
  public static final AttributeKey<String> TENANT = AttributeKey.stringKey("offgridflow.tenant.id");
  public static final AttributeKey<Long> JOB_ID = AttributeKey.longKey("offgridflow.jobs.id");
  public static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("offgridflow.jobs.attempt");
  public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("offgridflow.jobs.outcome");

  private final LongCounter enqueued;
  private final LongCounter claimed;
  private final LongCounter succeeded;
  private final LongCounter failed;
  private final LongCounter retried;
  private final LongCounter dead;
  private final LongCounter cancelled;
  private final LongUpDownCounter running;
  private final DoubleHistogram duration;
  private final Tracer tracer;
  private final Meter meter;
  /** Per (type, queue) attribute sets, so the hot path does not build them per job. */
  private final Map<String, Map<String, Attributes>> attributes = new ConcurrentHashMap<>();

  public JobsTelemetry(OpenTelemetry otel) {
    this.meter = otel.getMeter(SCOPE);
    this.tracer = otel.getTracer(SCOPE);
    this.enqueued = counter("offgridflow.jobs.enqueued", "Jobs inserted (a deduplicated enqueue is not counted)");
    this.claimed = counter("offgridflow.jobs.claimed", "Jobs claimed by a worker (one per attempt)");
    this.succeeded = counter("offgridflow.jobs.succeeded", "Attempts that finished successfully");
    this.failed = counter("offgridflow.jobs.failed", "Attempts that failed (threw, timed out)");
    this.retried = counter("offgridflow.jobs.retried", "Failed attempts scheduled to run again");
    this.dead = counter("offgridflow.jobs.dead", "Jobs that failed for the last time or non-retryably");
    this.cancelled = counter("offgridflow.jobs.cancelled", "Running jobs that stopped because of a cancellation");
    this.running = meter.upDownCounterBuilder("offgridflow.jobs.running")
        .setDescription("Attempts running on this worker now").setUnit("{job}").build();
    this.duration = meter.histogramBuilder("offgridflow.jobs.run.duration")
        .setDescription("Wall time of one attempt, from handler start to its end").setUnit("s").build();
  }

  private LongCounter counter(String name, String description) {
    return meter.counterBuilder(name).setDescription(description).setUnit("{job}").build();
  }

  public Attributes attributes(String type, String queue) {
    return attributes.computeIfAbsent(type, t -> new ConcurrentHashMap<>())
        .computeIfAbsent(queue, q -> Attributes.of(TYPE, type, QUEUE, queue));
  }

  public void enqueued(String type, String queue) {
    enqueued.add(1, attributes(type, queue));
  }

  /** {@code n} jobs of one type and queue were claimed (a claimed job may wait in the prefetch buffer). */
  public void claimed(Attributes a, long n) {
    claimed.add(n, a);
  }

  /** A handler began an attempt: it is running now. */
  public void started(Attributes a) {
    running.add(1, a);
  }

  /** The attempt left this worker, however it ended. */
  public void stopped(Attributes a, long nanos) {
    running.add(-1, a);
    duration.record(nanos / 1e9, a);
  }

  public void succeeded(Attributes a, long n) {
    succeeded.add(n, a);
  }

  public void failed(Attributes a) {
    failed.add(1, a);
  }

  public void retried(Attributes a) {
    retried.add(1, a);
  }

  public void dead(Attributes a) {
    dead.add(1, a);
  }

  public void cancelled(Attributes a) {
    cancelled.add(1, a);
  }

  /** Starts the span of one attempt; the caller ends it. */
  public Span startRun(long id, String tenantId, String type, String queue, int attempt) {
    return tracer.spanBuilder("offgridflow.jobs.run " + type)
        .setSpanKind(SpanKind.CONSUMER)
        .setAttribute(TYPE, type)
        .setAttribute(QUEUE, queue)
        .setAttribute(TENANT, tenantId)
        .setAttribute(JOB_ID, id)
        .setAttribute(ATTEMPT, (long) attempt)
        .startSpan();
  }

  /**
   * Registers the queue-depth and lag gauges, read from the latest stats the worker fetched (never
   * from the store on the exporter's thread: a slow store must not stall metric export).
   *
   * @return handles to close when the worker stops
   */
  public List<AutoCloseable> registerQueueGauges(Supplier<List<QueueStats>> latest) {
    ObservableLongGauge depth = meter.gaugeBuilder("offgridflow.jobs.queue.depth")
        .setDescription("Jobs ready to run and not yet claimed").setUnit("{job}").ofLongs()
        .buildWithCallback(m -> {
          for (QueueStats s : latest.get()) {
            m.record(s.ready(), Attributes.of(QUEUE, s.queue()));
          }
        });
    ObservableDoubleGauge lag = meter.gaugeBuilder("offgridflow.jobs.queue.lag")
        .setDescription("How long the oldest ready job has waited past its run-at").setUnit("s")
        .buildWithCallback(m -> {
          for (QueueStats s : latest.get()) {
            m.record(s.lag().toNanos() / 1e9, Attributes.of(QUEUE, s.queue()));
          }
        });
    return List.of(depth, lag);
  }
}
