package io.offgridflow.connectors.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.cloud.SyncContext;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurTelemetryTest {
  @Test
  void aSpanPerFileAndRowsByClass(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("cur.csv");
    Files.writeString(f, CurEstimatesTest.HEADER + CurEstimatesTest.ROWS);
    InMemoryMetricReader metrics = InMemoryMetricReader.create();
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .build();
    CurConnector.builder().file(f).openTelemetry(otel).build().sync(SyncContext.builder().build());
    assertThat(spans.getFinishedSpanItems()).singleElement().satisfies(s -> {
      assertThat(s.getName()).isEqualTo("offgridflow.cur.read_file");
      assertThat(s.getAttributes().get(AttributeKey.longKey("offgridflow.rows"))).isEqualTo(12);
    });
    MetricData rows = metrics.collectAllMetrics().stream()
        .filter(m -> m.getName().equals("offgridflow.connectors.aws.cur.rows")).findFirst().orElseThrow();
    long ignored = rows.getLongSumData().getPoints().stream()
        .filter(p -> "ignored".equals(p.getAttributes().get(AttributeKey.stringKey("offgridflow.usage_class"))))
        .mapToLong(LongPointData::getValue).sum();
    long total = rows.getLongSumData().getPoints().stream().mapToLong(LongPointData::getValue).sum();
    assertThat(ignored).isEqualTo(3);
    assertThat(total).isEqualTo(12);
  }
}
