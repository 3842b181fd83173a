package io.offgridflow.xbrl;

import io.offgridflow.xbrl.internal.FactAssembler;
import io.offgridflow.xbrl.internal.InlineXbrlWriter;
import io.offgridflow.xbrl.internal.InstanceMarshaller;
import io.offgridflow.xbrl.internal.MethodologyText;
import io.offgridflow.xbrl.internal.PdfReportWriter;
import io.offgridflow.xbrl.spi.TaxonomyMapping;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDate;

/**
 * Writes a {@link GhgReport} as an XBRL 2.1 instance, an Inline XBRL 1.1 document or a PDF, tagged
 * with a {@link TaxonomyMapping} (ESRS Set 1 by default). Build once and share: immutable and
 * thread-safe (the JAXB context is created in {@link Builder#build()}).
 *
 * <pre>{@code
 * XbrlReporter reporter = XbrlReporter.builder().build();     // ESRS Set 1, 3 decimals
 * try (OutputStream out = Files.newOutputStream(Path.of("ghg-2024.xbrl"))) {
 *   reporter.writeXbrl(report, out);
 * }
 * }</pre>
 */
public final class XbrlReporter {
  private static final AttributeKey<String> FORMAT = AttributeKey.stringKey("offgridflow.xbrl.format");
  private static final AttributeKey<Long> FACTS = AttributeKey.longKey("offgridflow.xbrl.facts");

  private final TaxonomyMapping taxonomy;
  private final int decimals;
  private final FactAssembler assembler;
  private final MethodologyText methodology = new MethodologyText();
  private final InstanceMarshaller marshaller = new InstanceMarshaller();
  private final InlineXbrlWriter inline;
  private final PdfReportWriter pdf;
  private final Clock clock;
  private final Tracer tracer;

  private XbrlReporter(Builder b) {
    this.taxonomy = b.taxonomy;
    this.decimals = b.decimals;
    this.assembler = new FactAssembler(b.taxonomy, b.decimals, b.intensityDigits);
    this.clock = b.clock;
    this.inline = new InlineXbrlWriter(b.taxonomy, marshaller, b.decimals);
    this.pdf = new PdfReportWriter(b.taxonomy, methodology, b.decimals);
    this.tracer = b.openTelemetry.getTracer("io.offgridflow.xbrl");
  }

  public static Builder builder() {
    return new Builder();
  }

  public TaxonomyMapping taxonomy() {
    return taxonomy;
  }

  /** The report's facts, contexts and units under the configured taxonomy. */
  public XbrlInstance toInstance(GhgReport report) {
    return assembler.assemble(report, methodology.xhtml(report, decimals));
  }

  /** Writes the report as an XBRL 2.1 instance (UTF-8). The stream is left open. */
  public void writeXbrl(GhgReport report, OutputStream out) {
    writeXbrl(toInstance(report), out);
  }

  /** Writes any instance, e.g. one a host assembled itself. The stream is left open. */
  public void writeXbrl(XbrlInstance instance, OutputStream out) {
    traced("xbrl", instance.facts().size(), () -> marshaller.write(instance, out));
  }

  /**
   * Writes the report as one self-contained Inline XBRL 1.1 document (XHTML, UTF-8) carrying the
   * same facts as {@link #writeXbrl(GhgReport, OutputStream)}. The stream is left open.
   */
  public void writeInlineXbrl(GhgReport report, OutputStream out) {
    XbrlInstance instance = toInstance(report);
    traced("ixbrl", instance.facts().size(),
        () -> inline.write(report, instance, LocalDate.now(clock), out));
  }

  /**
   * Writes the report as a PDF: the same figures as the XBRL documents, a chart of emissions by
   * scope and month, the methodology and the factor sources. The stream is left open.
   */
  public void writePdf(GhgReport report, OutputStream out) {
    XbrlInstance instance = toInstance(report);
    traced("pdf", instance.facts().size(), () -> pdf.write(report, instance, clock.instant(), out));
  }

  private void traced(String format, long facts, Runnable work) {
    Span span = tracer.spanBuilder("offgridflow.xbrl.write").setAttribute(FORMAT, format)
        .setAttribute(FACTS, facts).startSpan();
    try (Scope ignored = span.makeCurrent()) {
      work.run();
    } catch (RuntimeException e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR);
      throw e;
    } finally {
      span.end();
    }
  }

  /** Builder for {@link XbrlReporter}. */
  public static final class Builder {
    private TaxonomyMapping taxonomy = new EsrsSet1Taxonomy();
    private int decimals = 3;
    private int intensityDigits = 6;
    private Clock clock = Clock.systemUTC();
    private OpenTelemetry openTelemetry = OpenTelemetry.noop();

    private Builder() {}

    /** The taxonomy to tag facts with; ESRS Set 1 (2023-12-22) by default. */
    public Builder taxonomy(TaxonomyMapping taxonomy) {
      this.taxonomy = taxonomy;
      return this;
    }

    /** Decimal places of tonnes CO2e (3, i.e. kilograms, by default; 0 to 6). */
    public Builder decimals(int decimals) {
      if (decimals < 0 || decimals > 6) {
        throw new XbrlException(XbrlErrorCode.INVALID_REPORT, "decimals " + decimals + " must be 0 to 6");
      }
      this.decimals = decimals;
      return this;
    }

    /** Significant digits of the intensities per net revenue (6 by default; 2 to 12). */
    public Builder intensityDigits(int digits) {
      if (digits < 2 || digits > 12) {
        throw new XbrlException(XbrlErrorCode.INVALID_REPORT, "intensity digits " + digits + " must be 2 to 12");
      }
      this.intensityDigits = digits;
      return this;
    }

    /** The clock that dates the Inline XBRL and PDF documents. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder openTelemetry(OpenTelemetry openTelemetry) {
      this.openTelemetry = openTelemetry;
      return this;
    }

    public XbrlReporter build() {
      return new XbrlReporter(this);
    }
  }
}
