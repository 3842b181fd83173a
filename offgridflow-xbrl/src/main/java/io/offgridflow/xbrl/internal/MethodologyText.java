package io.offgridflow.xbrl.internal;

import io.offgridflow.calc.Method;
import io.offgridflow.factors.DatasetInfo;
import io.offgridflow.factors.GwpSet;
import io.offgridflow.xbrl.DatasetUse;
import io.offgridflow.xbrl.GhgReport;
import io.offgridflow.xbrl.XbrlErrorCode;
import io.offgridflow.xbrl.XbrlException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The methodology disclosure, written from the report's provenance as an XHTML fragment: the same
 * markup becomes the instance's escaped text block and the Inline XBRL's {@code ix:nonNumeric}
 * content, so the two documents carry the same fact. StAX escapes every string from the data.
 */
public final class MethodologyText {
  // The JDK's own StAX, not whichever provider the host has (Woodstox escapes differently): the
  // same report bytes on every class path.
  private final XMLOutputFactory outputs = XMLOutputFactory.newDefaultFactory();

  /**
   * A paragraph or a bullet of the disclosure.
   *
   * @param bullet whether it is a list item (consecutive bullets form one list)
   */
  public record Block(String text, boolean bullet) {}

  /** The disclosure as paragraphs and bullets, for any renderer. */
  public List<Block> blocks(GhgReport report, int decimals) {
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Block(overview(report), false));
    blocks.add(new Block("Calculation methods (number of activity records): " + methods(report.methods()) + ".", false));
    if (report.resultsWithPublisherGwp() > 0) {
      long n = report.resultsWithPublisherGwp();
      blocks.add(new Block(n + (n == 1 ? " record uses a factor" : " records use factors") + " that the publisher"
          + " gives as CO2e only, under the publisher's own GWP values, which cannot be restated to another GWP set.",
          false));
    }
    blocks.add(new Block("Emission factor datasets:", false));
    for (DatasetUse d : report.datasets()) {
      blocks.add(new Block(describe(d), true));
    }
    if (report.datasets().isEmpty()) {
      blocks.add(new Block("none: the report has no activity records", true));
    }
    blocks.add(new Block("Each total is the exact sum of its records' emissions. Figures are reported in tonnes of CO2"
        + " equivalent rounded to " + decimals + " decimal places; every total is the sum of the rounded figures"
        + " it comprises, so the report's calculations hold exactly. Scope 3 is the sum of the categories"
        + " reported.", false));
    return blocks;
  }

  /** The fragment, one {@code div} in the XHTML namespace. */
  public String xhtml(GhgReport report, int decimals) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter w = outputs.createXMLStreamWriter(out);
      w.setDefaultNamespace(XbrlNames.XHTML);
      w.writeStartElement(XbrlNames.XHTML, "div");
      w.writeDefaultNamespace(XbrlNames.XHTML);
      boolean inList = false;
      for (Block b : blocks(report, decimals)) {
        if (b.bullet() && !inList) {
          w.writeStartElement(XbrlNames.XHTML, "ul");
        } else if (!b.bullet() && inList) {
          w.writeEndElement();
        }
        inList = b.bullet();
        w.writeStartElement(XbrlNames.XHTML, b.bullet() ? "li" : "p");
        w.writeCharacters(b.text());
        w.writeEndElement();
      }
      if (inList) {
        w.writeEndElement();
      }
      w.writeEndElement();
      w.close();
    } catch (XMLStreamException e) {
      throw new XbrlException(XbrlErrorCode.WRITE_FAILED, "cannot write the methodology text: " + e.getMessage(), e);
    }
    return out.toString();
  }

  private static String overview(GhgReport r) {
    return "Greenhouse gas emissions for " + r.period().start() + " to " + r.period().end()
        + " were calculated according to the GHG Protocol Corporate Standard, its Scope 2 Guidance and the"
        + " Corporate Value Chain (Scope 3) Standard, from " + r.inventory().resultCount()
        + " activity records. Each figure is an activity amount (energy, fuel, distance, refrigerant or spend)"
        + " multiplied by an emission factor from a published dataset. CO2 equivalents use the 100-year global"
        + " warming potentials of " + gwp(r) + ". Scope 2 is reported location-based (grid-average factors) and"
        + " market-based (energy attribute certificates, supplier-specific rates and residual mixes). Biogenic"
        + " CO2 is reported separately and is not included in Scope 1.";
  }

  private static String gwp(GhgReport r) {
    if (r.gwpSets().isEmpty()) {
      return "the IPCC assessment report chosen for the calculation";
    }
    List<String> names = new ArrayList<>();
    for (GwpSet s : r.gwpSets()) {
      names.add("IPCC " + s.name());
    }
    return String.join(" and ", names);
  }

  private static String methods(Map<Method, Long> methods) {
    if (methods.isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    methods.forEach((m, n) -> parts.add(m.code() + " (" + n + ")"));
    return String.join(", ", parts);
  }

  private static String describe(DatasetUse d) {
    StringBuilder sb = new StringBuilder();
    DatasetInfo info = d.info();
    if (info != null) {
      sb.append(info.name()).append(", published by ").append(info.publisher()).append(", edition ")
          .append(d.edition()).append(", licence ").append(info.licence()).append(" (dataset ")
          .append(d.datasetId()).append(')');
    } else {
      sb.append("dataset ").append(d.datasetId()).append(", edition ").append(d.edition());
    }
    sb.append(String.format(Locale.ROOT, ": %d record%s", d.results(), d.results() == 1 ? "" : "s"));
    return sb.toString();
  }
}
