package io.offgridflow.xbrl.spi;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.xml.namespace.QName;

/**
 * The axis a taxonomy breaks Scope 3 down on, and its member for each GHG Protocol category (1-15).
 *
 * <pre>{@code
 * axis.member(6);   // {...esrs/2023-12-22}Category6BusinessTravelMember
 * }</pre>
 *
 * @param axis the explicit dimension
 * @param members category number to domain member
 */
public record CategoryAxis(QName axis, SortedMap<Integer, QName> members) {
  public CategoryAxis {
    members = Collections.unmodifiableSortedMap(new TreeMap<>(members));
  }

  /**
   * The member of a category.
   *
   * @throws IllegalArgumentException for a category the taxonomy has no member for
   */
  public QName member(int category) {
    QName m = members.get(category);
    if (m == null) {
      throw new IllegalArgumentException("the taxonomy has no member for Scope 3 category " + category
          + " on " + axis.getLocalPart());
    }
    return m;
  }
}
