package io.offgridflow.calc;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.factors.FactorCatalog;
import io.offgridflow.units.Quantity;
import io.offgridflow.units.Unit;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalculatorTelemetryTest {

  @Test
  void countsSuccessesAndErrorsAndTracesEachBatch() {
    InMemoryMetricReader metrics = InMemoryMetricReader.create();
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .build();
    Calculator calc = Calculator.builder().catalog(FactorCatalog.bundled()).openTelemetry(otel).build();

    calc.calculateAll(List.of(
        Activity.electricity("a", Quantity.of(1, Unit.KWH), "US").build(),
        Activity.electricity("b", Quantity.of(2, Unit.KWH), "US").build(),
        Activity.electricity("c", Quantity.of(3, Unit.KWH), "ZZ-NOWHERE").build()));

    Collection<MetricData> data = metrics.collectAllMetrics();
    assertThat(sum(data, "offgridflow.core.calculations")).isEqualTo(2);
    assertThat(sum(data, "offgridflow.core.calculation.errors")).isEqualTo(1);
    MetricData errors = find(data, "offgridflow.core.calculation.errors");
    LongPointData point = errors.getLongSumData().getPoints().iterator().next();
    assertThat(point.getAttributes().get(AttributeKey.stringKey("offgridflow.error.code"))).isEqualTo("FACTOR_NOT_FOUND");
    assertThat(point.getAttributes().get(AttributeKey.stringKey("offgridflow.activity.kind"))).isEqualTo("electricity");
    assertThat(find(data, "offgridflow.core.batch.duration").getHistogramData().getPoints().iterator().next().getCount())
        .isEqualTo(1);

    List<SpanData> finished = spans.getFinishedSpanItems();
    assertThat(finished).singleElement().satisfies(s -> {
      assertThat(s.getName()).isEqualTo("offgridflow.calculate_batch");
      assertThat(s.getAttributes().get(AttributeKey.longKey("offgridflow.batch.size"))).isEqualTo(3L);
      assertThat(s.getAttributes().get(AttributeKey.longKey("offgridflow.batch.failed"))).isEqualTo(1L);
    });
  }

  private static MetricData find(Collection<MetricData> data, String name) {
    return data.stream().filter(m -> m.getName().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name + " not recorded"));
  }

  private static long sum(Collection<MetricData> data, String name) {
    return find(data, name).getLongSumData().getPoints().stream().mapToLong(LongPointData::getValue).sum();
  }
}
