package io.offgridflow.benchmarks.xbrl;

import io.offgridflow.xbrl.EntityIdentifier;
import io.offgridflow.xbrl.EsrsSet1Taxonomy;
import io.offgridflow.xbrl.Fact;
import io.offgridflow.xbrl.ReportingPeriod;
import io.offgridflow.xbrl.XbrlContext;
import io.offgridflow.xbrl.XbrlInstance;
import io.offgridflow.xbrl.XbrlReporter;
import io.offgridflow.xbrl.XbrlUnit;
import io.offgridflow.xbrl.spi.ConceptDefinition;
import io.offgridflow.xbrl.spi.DataType;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamWriter;

/**
 * Times writing a large XBRL instance (default 10,000 facts) with the module's JAXB generator, and
 * the same facts written by a bare StAX loop as a peer (the floor for streaming this XML on this
 * machine). The facts are the seven ESRS E1-6 emission concepts, each with the unit, decimals and
 * duration contexts the generator uses, spread over one context per day from 2024-01-01, so the
 * document has the shape of a real one at a larger size. Prints one line:
 *
 * <pre>{@code
 * xbrl-instance facts=10000 contexts=1429 bytes=... build_ms=... first_ms=... median_ms=... max_ms=... peer_median_ms=... vs_peer=...x runs=20
 * }</pre>
 *
 * {@code build_ms} is building the reporter (the JAXB context); {@code first_ms} is the first write
 * in a fresh JVM after that (cold code); {@code median_ms} and {@code max_ms} are over the following
 * runs.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.offgridflow.benchmarks.xbrl.XbrlGenerationBenchmark [facts] [runs]
 * }</pre>
 */
public final class XbrlGenerationBenchmark {
  private XbrlGenerationBenchmark() {}

  public static void main(String[] args) throws Exception {
    int facts = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 10_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    XbrlInstance instance = instance(facts);
    long b0 = System.nanoTime();
    XbrlReporter reporter = XbrlReporter.builder().build();
    double buildMs = (System.nanoTime() - b0) / 1e6;

    long t0 = System.nanoTime();
    int bytes = write(reporter, instance);
    double firstMs = (System.nanoTime() - t0) / 1e6;
    double[] ours = new double[runs];
    double[] peer = new double[runs];
    for (int i = 0; i < runs; i++) {
      long s = System.nanoTime();
      write(reporter, instance);
      ours[i] = (System.nanoTime() - s) / 1e6;
      s = System.nanoTime();
      stax(instance, new ByteArrayOutputStream(bytes));
      peer[i] = (System.nanoTime() - s) / 1e6;
    }
    Arrays.sort(ours);
    Arrays.sort(peer);
    double median = ours[runs / 2];
    double peerMedian = peer[runs / 2];
    System.out.printf(Locale.ROOT,
        "xbrl-instance facts=%d contexts=%d bytes=%d build_ms=%.1f first_ms=%.1f median_ms=%.1f max_ms=%.1f peer_median_ms=%.1f"
            + " vs_peer=%.2fx runs=%d%n",
        instance.facts().size(), instance.contexts().size(), bytes, buildMs, firstMs, median, ours[runs - 1], peerMedian,
        median / peerMedian, runs);
  }

  private static int write(XbrlReporter reporter, XbrlInstance instance) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 22);
    reporter.writeXbrl(instance, out);
    return out.size();
  }

  /** {@code facts} emission facts, seven concepts per daily context, values with three decimals. */
  static XbrlInstance instance(int facts) {
    EsrsSet1Taxonomy esrs = new EsrsSet1Taxonomy();
    List<QName> concepts = new ArrayList<>();
    for (ConceptDefinition c : esrs.concepts()) {
      if (c.dataType() == DataType.GHG_EMISSIONS) {
        concepts.add(c.name());
      }
    }
    EntityIdentifier lei = EntityIdentifier.lei("529900T8BM49AURSDO" + EntityIdentifier.leiCheckDigits("529900T8BM49AURSDO"));
    List<XbrlContext> contexts = new ArrayList<>();
    List<Fact> out = new ArrayList<>(facts);
    Random random = new Random(42);
    LocalDate day = LocalDate.of(2024, 1, 1);
    while (out.size() < facts) {
      String id = "c-" + day;
      contexts.add(new XbrlContext(id, lei, new ReportingPeriod(day, day), List.of()));
      for (QName c : concepts) {
        if (out.size() == facts) {
          break;
        }
        out.add(new Fact.Numeric(c, id, "u-tCO2e", BigDecimal.valueOf(random.nextInt(100_000_000), 3), 3));
      }
      day = day.plusDays(1);
    }
    Map<String, String> ns = new LinkedHashMap<>();
    ns.put(esrs.prefix(), esrs.namespace());
    return new XbrlInstance(esrs.schemaRef(), ns, contexts, List.of(XbrlUnit.of("u-tCO2e", XbrlUnit.TCO2E)), out);
  }

  /** The peer: the same elements and attributes written with a bare StAX loop, no binding layer. */
  static void stax(XbrlInstance instance, OutputStream os) throws Exception {
    String xbrli = "http://www.xbrl.org/2003/instance";
    XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(os, "UTF-8");
    w.writeStartDocument("UTF-8", "1.0");
    w.writeStartElement("xbrli", "xbrl", xbrli);
    w.writeNamespace("xbrli", xbrli);
    w.writeNamespace("link", "http://www.xbrl.org/2003/linkbase");
    w.writeNamespace("xlink", "http://www.w3.org/1999/xlink");
    w.writeNamespace("utr", XbrlUnit.UTR);
    instance.namespaces().forEach((p, u) -> {
      try {
        w.writeNamespace(p, u);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    w.writeEmptyElement("link", "schemaRef", "http://www.xbrl.org/2003/linkbase");
    w.writeAttribute("xlink", "http://www.w3.org/1999/xlink", "type", "simple");
    w.writeAttribute("xlink", "http://www.w3.org/1999/xlink", "href", instance.schemaRef());
    for (XbrlContext c : instance.contexts()) {
      w.writeStartElement("xbrli", "context", xbrli);
      w.writeAttribute("id", c.id());
      w.writeStartElement("xbrli", "entity", xbrli);
      w.writeStartElement("xbrli", "identifier", xbrli);
      w.writeAttribute("scheme", c.entity().scheme());
      w.writeCharacters(c.entity().value());
      w.writeEndElement();
      w.writeEndElement();
      w.writeStartElement("xbrli", "period", xbrli);
      w.writeStartElement("xbrli", "startDate", xbrli);
      w.writeCharacters(c.period().start().toString());
      w.writeEndElement();
      w.writeStartElement("xbrli", "endDate", xbrli);
      w.writeCharacters(c.period().end().toString());
      w.writeEndElement();
      w.writeEndElement();
      w.writeEndElement();
    }
    for (XbrlUnit u : instance.units()) {
      w.writeStartElement("xbrli", "unit", xbrli);
      w.writeAttribute("id", u.id());
      w.writeStartElement("xbrli", "measure", xbrli);
      w.writeCharacters("utr:" + u.numerator().get(0).getLocalPart());
      w.writeEndElement();
      w.writeEndElement();
    }
    for (Fact f : instance.facts()) {
      Fact.Numeric n = (Fact.Numeric) f;
      w.writeStartElement(instance.namespaces().keySet().iterator().next(), n.concept().getLocalPart(),
          n.concept().getNamespaceURI());
      w.writeAttribute("contextRef", n.contextRef());
      w.writeAttribute("unitRef", n.unitRef());
      w.writeAttribute("decimals", Integer.toString(n.decimals()));
      w.writeCharacters(n.value().toPlainString());
      w.writeEndElement();
    }
    w.writeEndElement();
    w.writeEndDocument();
    w.close();
  }
}
