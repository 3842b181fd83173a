package io.offgridflow.xbrl.spi;

import java.util.List;
import javax.xml.namespace.QName;

/**
 * A summation the taxonomy's calculation linkbase states: {@code total} equals the sum of {@code
 * items}, each with weight 1, in the same context.
 *
 * <pre>{@code
 * new CalculationRelation(totalLocationBased, List.of(scope1, scope2LocationBased, scope3));
 * }</pre>
 *
 * @param total the summation concept
 * @param items the contributing concepts
 */
public record CalculationRelation(QName total, List<QName> items) {
  public CalculationRelation {
    items = List.copyOf(items);
    if (items.isEmpty()) {
      throw new IllegalArgumentException("calculation of " + total + " needs at least one item");
    }
  }
}
