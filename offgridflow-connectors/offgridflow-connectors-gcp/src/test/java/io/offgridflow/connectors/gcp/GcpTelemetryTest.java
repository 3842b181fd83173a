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
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
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

  @Test
  void eachRetryIsAnEventOnTheQuerysSpan() {
    LocalDate day = LocalDate.of(2025, 6, 1);
    ExportTableFixture table = BillingExportFixture.table().addAll(BillingExportFixture.generate(8, 12, day, 1));
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .build();
    String error = "{\"error\":{\"code\":503,\"message\":\"Backend error\",\"errors\":[{\"reason\":\"backendError\"}]}}";
    try (FakeBigQuery fake = new FakeBigQuery(table).pageSize(5)) {
      // The summary's jobs.query fails once (a new job), then page 1 of the read once (the same request again).
      fake.server().stubFor(WireMock.post(WireMock.urlPathMatching("/bigquery/v2/projects/.*/queries")).atPriority(1)
          .inScenario("q").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ok")
          .willReturn(WireMock.aResponse().withStatus(503).withHeader("Content-Type", "application/json").withBody(error)));
      fake.server().stubFor(WireMock.get(WireMock.urlPathMatching("/bigquery/v2/projects/.*/data"))
          .withQueryParam("pageToken", WireMock.equalTo("1")).atPriority(1)
          .inScenario("p").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ok")
          .willReturn(WireMock.aResponse().withStatus(503).withHeader("Content-Type", "application/json").withBody(error)));
      GcpBillingExportConnector.builder().bigQuery(fake.client()).table("test-project.b.export").days(day, day)
          .retry(GcpRetryPolicy.builder().initialBackoff(Duration.ZERO).maxBackoff(Duration.ZERO).build())
          .openTelemetry(otel).build().sync(SyncContext.builder().build());
    }

    assertThat(spans.getFinishedSpanItems()).extracting(s -> s.getAttributes().get(AttributeKey.stringKey("offgridflow.query"))
        + " " + s.getEvents().stream().map(e -> e.getName() + "#" + e.getAttributes().get(AttributeKey.longKey("offgridflow.attempt"))
            + " " + e.getAttributes().get(AttributeKey.stringKey("offgridflow.retried"))).toList())
        .containsExactly("partition summary query [retry#2 new job]", "read of 1 days [retry#2 request]");
  }
}
