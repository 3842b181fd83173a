package io.offgridflow.xbrl;

import java.util.List;
import javax.xml.namespace.QName;

/**
 * An {@code xbrli:unit}: measures, or a division of measures.
 *
 * <pre>{@code
 * XbrlUnit t = XbrlUnit.of("u-tCO2e", XbrlUnit.TCO2E);
 * XbrlUnit perEur = XbrlUnit.divide("u-tCO2e-per-EUR", XbrlUnit.TCO2E, XbrlUnit.currency("EUR"));
 * }</pre>
 *
 * @param id the unit id facts refer to
 * @param numerator the measures (of the numerator, for a division)
 * @param denominator empty unless this is a division
 */
public record XbrlUnit(String id, List<QName> numerator, List<QName> denominator) {
  /** The Units Registry namespace. */
  public static final String UTR = "http://www.xbrl.org/2009/utr";
  /** The ISO 4217 namespace XBRL uses for currencies. */
  public static final String ISO4217 = "http://www.xbrl.org/2003/iso4217";
  /** Metric tonnes of CO2 equivalent. */
  public static final QName TCO2E = new QName(UTR, "tCO2e", "utr");

  public XbrlUnit {
    numerator = List.copyOf(numerator);
    denominator = List.copyOf(denominator);
    if (numerator.isEmpty()) {
      throw new IllegalArgumentException("unit " + id + " needs at least one measure");
    }
  }

  public static XbrlUnit of(String id, QName measure) {
    return new XbrlUnit(id, List.of(measure), List.of());
  }

  public static XbrlUnit divide(String id, QName numerator, QName denominator) {
    return new XbrlUnit(id, List.of(numerator), List.of(denominator));
  }

  /** {@code iso4217:EUR} and the like. */
  public static QName currency(String code) {
    return new QName(ISO4217, code, "iso4217");
  }
}
