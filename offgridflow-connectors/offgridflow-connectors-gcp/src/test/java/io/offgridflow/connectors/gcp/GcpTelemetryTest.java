package io.offgridflow.connectors.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.cloud.SyncContext;
import io.offgridflow.connectors.gcp.fixtures.BillingExportFixture;
import io.offgridflow.connectors.gcp.fixtures.ExportTableFixture;
import io.offgridflow.connectors.gcp.fixtures.FakeBigQuery;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class GcpTelemetryTest {

  @Test
  void aSpanPerQueryAndBillingRowsByClass() {
    LocalDate day = LocalDate.of(2025, 6, 1);
    List<java.util.Map<String, String>> rows = BillingExportFixture.generate(8, 32, day, 2);
    ExportTableFixture table = BillingExportFixture.table().addAll(rows);
    InMemoryMetricReader metrics = InMemoryMetricReader.create();
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .build();
    try (FakeBigQuery fake = new FakeBigQuery(table)) {
      GcpBillingExportConnector.builder().bigQuery(fake.client()).table("test-project.b.export").days(day, day.plusDays(1))
          .openTelemetry(otel).build().sync(SyncContext.builder().build());
    }

    assertThat(spans.getFinishedSpanItems()).extracting(s -> s.getName() + " "
        + s.getAttributes().get(AttributeKey.stringKey("offgridflow.query")) + " "
        + s.getAttributes().get(AttributeKey.longKey("offgridflow.rows")))
        .containsExactly("offgridflow.gcp.query partition summary query 2", "offgridflow.gcp.query read of 2 days 32");
    MetricData counter = metrics.collectAllMetrics().stream()
        .filter(m -> m.getName().equals("offgridflow.connectors.gcp.billing.rows")).findFirst().orElseThrow();
    long total = counter.getLongSumData().getPoints().stream().mapToLong(LongPointData::getValue).sum();
    long ignored = counter.getLongSumData().getPoints().stream()
        .filter(p -> "ignored".equals(p.getAttributes().get(AttributeKey.stringKey("offgridflow.usage_class"))))
        .mapToLong(LongPointData::getValue).sum();
    assertThat(total).isEqualTo(rows.size());
    long expectedIgnored = rows.stream().filter(r -> !"regular".equals(r.get("cost_type"))).count();
    assertThat(ignored).isEqualTo(expectedIgnored);
  }
}
