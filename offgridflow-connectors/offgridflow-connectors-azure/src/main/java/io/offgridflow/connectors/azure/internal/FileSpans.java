package io.offgridflow.connectors.azure.internal;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * A connector's telemetry: one span per file read (source, billing period, rows; error status on
 * failure) and a row counter by class.
 *
 * <pre>{@code
 * FileSpans t = new FileSpans(otel, "offgridflow.azure_cost.read_file", "offgridflow.connectors.azure.cost.rows");
 * FileRead r = t.read(name, period, () -> run.read(store, file, ticker), FileRead::rows);
 * t.countRows("compute", 120);
 * }</pre>
 */
public final class FileSpans {
  private static final String SCOPE = "io.offgridflow.connectors.azure";
  private static final AttributeKey<String> SOURCE = AttributeKey.stringKey("offgridflow.source");
  private static final AttributeKey<String> PERIOD = AttributeKey.stringKey("offgridflow.billing_period");
  private static final AttributeKey<Long> ROWS = AttributeKey.longKey("offgridflow.rows");
  private static final AttributeKey<String> CLASS = AttributeKey.stringKey("offgridflow.usage_class");

  private final Tracer tracer;
  private final String spanName;
  private final LongCounter rows;

  public FileSpans(OpenTelemetry otel, String spanName, String rowCounter) {
    this.tracer = otel.getTracer(SCOPE);
    this.spanName = spanName;
    this.rows = otel.getMeter(SCOPE).counterBuilder(rowCounter).setUnit("{row}")
        .setDescription("rows read, by usage class").build();
  }

  /** Runs the read of one file inside its span. */
  public <T> T read(String source, String billingPeriod, Supplier<T> body, ToLongFunction<T> rowsOf) {
    Span span = tracer.spanBuilder(spanName).setAttribute(SOURCE, source).setAttribute(PERIOD, billingPeriod)
        .startSpan();
    Scope scope = span.makeCurrent();
    try {
      T result = body.get();
      span.setAttribute(ROWS, rowsOf.applyAsLong(result));
      return result;
    } catch (RuntimeException e) {
      span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
      span.recordException(e);
      throw e;
    } finally {
      scope.close();
      span.end();
    }
  }

  /** Adds to the row counter (nothing for 0). */
  public void countRows(String usageClass, long n) {
    if (n > 0) {
      rows.add(n, Attributes.of(CLASS, usageClass));
    }
  }
}
