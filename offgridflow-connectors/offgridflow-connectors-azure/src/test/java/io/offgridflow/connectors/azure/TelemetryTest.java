package io.offgridflow.connectors.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offgridflow.cloud.SyncContext;
import io.offgridflow.connectors.azure.fixtures.CostExportWriter;
import io.offgridflow.connectors.azure.fixtures.CostRow;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A span per export file read and the rows counted by class. */
class TelemetryTest {
  final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
      .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
      .build();

  @Test
  void aSpanPerFileAndRowsByClass(@TempDir Path dir) throws IOException {
    CostRow vm = CostRow.usage("Virtual Machines", "Dsv3 Series", "D2s v3", "1 Hour", 24);
    Path f = Files.write(dir.resolve("costs.csv"), CostExportWriter.of(CostExportSchema.EA)
        .write(List.of(vm, vm, vm.chargeType("Purchase"))));
    AzureCostExportConnector.builder().file(f).openTelemetry(otel).build().sync(SyncContext.builder().build());

    assertThat(spans.getFinishedSpanItems()).singleElement().satisfies(s -> {
      assertThat(s.getName()).isEqualTo("offgridflow.azure_cost.read_file");
      assertThat(s.getAttributes().get(AttributeKey.longKey("offgridflow.rows"))).isEqualTo(3);
      assertThat(s.getAttributes().get(AttributeKey.stringKey("offgridflow.source"))).isEqualTo(f.toAbsolutePath().toString());
    });
    MetricData rows = metrics.collectAllMetrics().stream()
        .filter(m -> m.getName().equals("offgridflow.connectors.azure.cost.rows")).findFirst().orElseThrow();
    assertThat(rows.getLongSumData().getPoints()).extracting(
        p -> p.getAttributes().get(AttributeKey.stringKey("offgridflow.usage_class")), LongPointData::getValue)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("compute", 2L),
            org.assertj.core.groups.Tuple.tuple("ignored", 1L));
  }

  @Test
  void aFailedReadEndsItsSpanWithErrorStatus(@TempDir Path dir) throws IOException {
    Path f = Files.writeString(dir.resolve("bad.csv"), "a,b\n1,2\n");
    assertThatThrownBy(() -> AzureCostExportConnector.builder().file(f).openTelemetry(otel).build()
        .sync(SyncContext.builder().build())).hasMessageContaining("not an Azure cost-details export");
    assertThat(spans.getFinishedSpanItems()).singleElement()
        .satisfies(s -> assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR));
  }
}
