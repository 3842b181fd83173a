package io.offgridflow.xbrl;

import java.math.BigDecimal;
import javax.xml.namespace.QName;

/**
 * One reported value: a concept in a context.
 *
 * <pre>{@code
 * Fact f = new Fact.Numeric(scope1, "c-fy", "u-tCO2e", new BigDecimal("120.500"), 3);
 * }</pre>
 */
public sealed interface Fact permits Fact.Numeric, Fact.Text {
  QName concept();

  String contextRef();

  /**
   * A number with a unit and the decimals it is accurate to.
   *
   * @param decimals digits after the decimal point the value is accurate to (XBRL 2.1 4.6.5)
   */
  record Numeric(QName concept, String contextRef, String unitRef, BigDecimal value, int decimals) implements Fact {}

  /**
   * A text value; a text block's value is a well-formed XHTML fragment.
   *
   * @param xhtml whether {@code value} is XHTML markup (written escaped in an instance and as
   *     markup with {@code escape="true"} in Inline XBRL)
   */
  record Text(QName concept, String contextRef, String value, boolean xhtml) implements Fact {}
}
