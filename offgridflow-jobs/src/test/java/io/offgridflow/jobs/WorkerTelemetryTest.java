package io.offgridflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.jobs.internal.JobsTelemetry;
import io.offgridflow.jobs.memory.InMemoryJobStore;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerTelemetryTest {
  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  record Item(int n) {}

  final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
      .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
      .build();
  final MutableClock clock = new MutableClock(T0);
  final InMemoryJobStore store = new InMemoryJobStore();
  final JobClient client = JobClient.builder().store(store).clock(clock).openTelemetry(otel).build();

  @AfterEach
  void close() {
    otel.close();
  }

  Optional<MetricData> metric(String name) {
    Collection<MetricData> all = metrics.collectAllMetrics();
    return all.stream().filter(m -> m.getName().equals(name)).findFirst();
  }

  long sum(String name, String type) {
    return metric(name).map(m -> m.getLongSumData().getPoints().stream()
        .filter(p -> type == null || type.equals(p.getAttributes().get(JobsTelemetry.TYPE)))
        .mapToLong(LongPointData::getValue).sum()).orElse(0L);
  }

  @Test
  void countersHistogramSpansAndQueueGaugesDescribeTheRuns() {
    client.enqueueAll(List.of(
        JobRequest.builder("acme", "ok").build(),
        JobRequest.builder("acme", "ok").build(),
        JobRequest.builder("globex", "ok").build(),
        JobRequest.builder("acme", "flaky").build(),
        JobRequest.builder("acme", "doomed").build()));
    client.enqueue(JobRequest.builder("acme", "ok").uniqueKey("u").build());
    client.enqueue(JobRequest.builder("acme", "ok").uniqueKey("u").build());
    client.enqueue(JobRequest.builder("acme", "ok").queue("idle").runIn(Duration.ofDays(1)).build());
    client.enqueue(JobRequest.builder("acme", "ok").queue("idle").build());
    clock.advance(Duration.ofSeconds(42));

    Worker w = Worker.builder().store(store).clock(clock).openTelemetry(otel)
        .pollInterval(Duration.ofMillis(10)).rescueInterval(Duration.ofMillis(10))
        .retryPolicy(RetryPolicy.builder().jitter(0).build())
        .handler("ok", Item.class, (p, ctx) -> { })
        .handler("flaky", Item.class, (p, ctx) -> {
          if (ctx.attempt() == 1) {
            throw new IOException("once");
          }
        })
        .handler("doomed", Item.class, (p, ctx) -> {
          throw new NonRetryableException("never");
        })
        .build().start();
    try {
      Await.until("first round stored", () -> sum("offgridflow.jobs.retried", null) == 1
          && sum("offgridflow.jobs.dead", null) == 1 && sum("offgridflow.jobs.succeeded", null) == 4);
      clock.advance(Duration.ofMinutes(1));
      Await.until("retry stored", () -> sum("offgridflow.jobs.succeeded", null) == 5);

      assertThat(sum("offgridflow.jobs.enqueued", "ok")).as("the deduplicated enqueue is not counted").isEqualTo(6);
      assertThat(sum("offgridflow.jobs.enqueued", null)).isEqualTo(8);
      assertThat(sum("offgridflow.jobs.claimed", null)).isEqualTo(7);
      assertThat(sum("offgridflow.jobs.succeeded", "flaky")).isEqualTo(1);
      assertThat(sum("offgridflow.jobs.failed", null)).isEqualTo(2);
      assertThat(sum("offgridflow.jobs.failed", "doomed")).isEqualTo(1);
      assertThat(sum("offgridflow.jobs.dead", "doomed")).isEqualTo(1);
      assertThat(sum("offgridflow.jobs.running", null)).isZero();
      MetricData duration = metric("offgridflow.jobs.run.duration").orElseThrow();
      assertThat(duration.getUnit()).isEqualTo("s");
      assertThat(duration.getHistogramData().getPoints().stream().mapToLong(p -> p.getCount()).sum()).isEqualTo(7);

      // The "idle" queue is served by no worker: its ready job shows as depth 1, waiting since T0.
      Await.until("queue gauges", () -> metric("offgridflow.jobs.queue.depth").isPresent());
      MetricData depth = metric("offgridflow.jobs.queue.depth").orElseThrow();
      assertThat(depth.getLongGaugeData().getPoints()).anySatisfy(p -> {
        assertThat(p.getAttributes().get(JobsTelemetry.QUEUE)).isEqualTo("idle");
        assertThat(p.getValue()).isEqualTo(1);
      });
      MetricData lag = metric("offgridflow.jobs.queue.lag").orElseThrow();
      assertThat(lag.getDoubleGaugeData().getPoints()).anySatisfy(p -> {
        assertThat(p.getAttributes().get(JobsTelemetry.QUEUE)).isEqualTo("idle");
        assertThat(p.getValue()).isGreaterThanOrEqualTo(42.0);
      });

      List<SpanData> runs = spans.getFinishedSpanItems();
      assertThat(runs).hasSize(7);
      assertThat(runs).filteredOn(s -> s.getName().equals("offgridflow.jobs.run ok")).hasSize(4)
          .anySatisfy(s -> assertThat(s.getAttributes().get(JobsTelemetry.TENANT)).isEqualTo("globex"));
      SpanData dead = runs.stream().filter(s -> s.getName().endsWith("doomed")).findFirst().orElseThrow();
      assertThat(dead.getAttributes().get(JobsTelemetry.TENANT)).isEqualTo("acme");
      assertThat(dead.getAttributes().get(JobsTelemetry.TYPE)).isEqualTo("doomed");
      assertThat(dead.getAttributes().get(JobsTelemetry.OUTCOME)).isEqualTo("DEAD");
      assertThat(dead.getEvents()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("exception"));
    } finally {
      w.shutdown(Duration.ofSeconds(5));
    }
  }
}
