package io.offgridflow.calc.internal;

import io.offgridflow.CoreErrorCode;
import io.offgridflow.ErrorCode;
import io.offgridflow.calc.ActivityKind;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;

/**
 * The calculator's OpenTelemetry instruments. Attribute sets are built once per kind and error
 * code so that recording on the hot path allocates nothing.
 */
public final class CalculatorTelemetry {
  private static final String SCOPE = "io.offgridflow.core";
  static final AttributeKey<String> KIND = AttributeKey.stringKey("offgridflow.activity.kind");
  static final AttributeKey<String> ERROR_CODE = AttributeKey.stringKey("offgridflow.error.code");
  static final AttributeKey<Long> BATCH_SIZE = AttributeKey.longKey("offgridflow.batch.size");

  private final LongCounter calculations;
  private final LongCounter errors;
  private final DoubleHistogram batchDuration;
  private final Tracer tracer;
  private final Attributes[] byKind;
  private final Attributes[][] byKindAndError;

  public CalculatorTelemetry(OpenTelemetry otel) {
    Meter meter = otel.getMeter(SCOPE);
    this.calculations =
        meter.counterBuilder("offgridflow.core.calculations")
            .setDescription("Activities calculated successfully")
            .setUnit("{activity}")
            .build();
    this.errors =
        meter.counterBuilder("offgridflow.core.calculation.errors")
            .setDescription("Activities that failed to calculate")
            .setUnit("{activity}")
            .build();
    this.batchDuration =
        meter.histogramBuilder("offgridflow.core.batch.duration")
            .setDescription("Wall time of one calculateAll batch")
            .setUnit("s")
            .build();
    this.tracer = otel.getTracer(SCOPE);
    ActivityKind[] kinds = ActivityKind.values();
    CoreErrorCode[] codes = CoreErrorCode.values();
    this.byKind = new Attributes[kinds.length];
    this.byKindAndError = new Attributes[kinds.length][codes.length];
    for (ActivityKind k : kinds) {
      byKind[k.ordinal()] = Attributes.of(KIND, k.code());
      for (CoreErrorCode c : codes) {
        byKindAndError[k.ordinal()][c.ordinal()] = Attributes.of(KIND, k.code(), ERROR_CODE, c.name());
      }
    }
  }

  public void succeeded(ActivityKind kind) {
    calculations.add(1, byKind[kind.ordinal()]);
  }

  public void failed(ActivityKind kind, ErrorCode code) {
    // Calculation errors carry core codes; the fallback only guards a host FactorSource's own code.
    Attributes attributes = code instanceof CoreErrorCode core
        ? byKindAndError[kind.ordinal()][core.ordinal()]
        : Attributes.of(KIND, kind.code(), ERROR_CODE, code.name());
    errors.add(1, attributes);
  }

  /** Starts the span of one batch; the caller ends it. */
  public Span startBatch(int size) {
    return tracer.spanBuilder("offgridflow.calculate_batch").setAttribute(BATCH_SIZE, (long) size).startSpan();
  }

  public void batchFinished(long nanos) {
    batchDuration.record(nanos / 1e9);
  }
}
