package io.offgridflow.xbrl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The XBRL Units Registry (UTR): which measures exist and which item type each measures, and for
 * ratio types such as {@code ghgEmissionsPerMonetaryItemType} which item types their numerator and
 * denominator take. {@link #bundled()} is the REC registry of 2024-01-31 shipped in this jar.
 *
 * <pre>{@code
 * UnitRegistry utr = UnitRegistry.bundled();
 * utr.itemTypes(XbrlUnit.TCO2E);   // [ghgEmissionsItemType]
 * }</pre>
 */
public final class UnitRegistry {
  private static final String UTR_NS = "http://www.xbrl.org/2009/utr";
  private static final String BUNDLED = "utr-2024-01-31.xml";

  private final Map<QName, Set<String>> itemTypesByMeasure;
  private final Map<String, Ratio> ratios;

  /**
   * A ratio item type's parts.
   *
   * @param numeratorItemType e.g. {@code ghgEmissionsItemType}
   * @param denominatorItemType e.g. {@code monetaryItemType}
   */
  public record Ratio(String numeratorItemType, String denominatorItemType) {}

  private UnitRegistry(Map<QName, Set<String>> itemTypesByMeasure, Map<String, Ratio> ratios) {
    this.itemTypesByMeasure = Map.copyOf(itemTypesByMeasure);
    this.ratios = Map.copyOf(ratios);
  }

  /** The registry bundled with this module (UTR REC 2024-01-31). */
  public static UnitRegistry bundled() {
    try (InputStream in = UnitRegistry.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new XbrlException(XbrlErrorCode.SCHEMA_NOT_AVAILABLE, "the jar lacks its resource " + BUNDLED);
      }
      return read(in, BUNDLED);
    } catch (IOException e) {
      throw new XbrlException(XbrlErrorCode.SCHEMA_NOT_AVAILABLE, "cannot read " + BUNDLED + ": " + e.getMessage(), e);
    }
  }

  /** A registry file ({@code utr.xml}) of another version. */
  public static UnitRegistry load(Path utrXml) {
    try (InputStream in = Files.newInputStream(utrXml)) {
      return read(in, utrXml.toString());
    } catch (IOException e) {
      throw new XbrlException(XbrlErrorCode.SCHEMA_NOT_AVAILABLE, "cannot read " + utrXml + ": " + e.getMessage(), e);
    }
  }

  private static UnitRegistry read(InputStream in, String name) {
    Map<QName, Set<String>> byMeasure = new HashMap<>();
    Map<String, Ratio> ratios = new HashMap<>();
    XMLInputFactory f = XMLInputFactory.newDefaultFactory(); // the JDK's, whatever the class path holds
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    try {
      XMLStreamReader r = f.createXMLStreamReader(in);
      Map<String, String> unit = new HashMap<>();
      String field = null;
      StringBuilder text = new StringBuilder();
      int depth = 0;
      int unitDepth = -1;
      while (r.hasNext()) {
        int e = r.next();
        if (e == XMLStreamReader.START_ELEMENT) {
          depth++;
          if (UTR_NS.equals(r.getNamespaceURI()) && "unit".equals(r.getLocalName())) {
            unit.clear();
            unitDepth = depth;
          } else if (unitDepth > 0 && depth == unitDepth + 1) {
            field = r.getLocalName();
            text.setLength(0);
          }
        } else if (e == XMLStreamReader.CHARACTERS && field != null) {
          text.append(r.getText());
        } else if (e == XMLStreamReader.END_ELEMENT) {
          if (field != null && depth == unitDepth + 1) {
            unit.put(field, text.toString().strip());
            field = null;
          } else if (depth == unitDepth) {
            add(unit, byMeasure, ratios, name);
            unitDepth = -1;
          }
          depth--;
        }
      }
    } catch (XMLStreamException e) {
      throw new XbrlException(XbrlErrorCode.UNREADABLE_DOCUMENT, "units registry " + name + ": " + e.getMessage(), e);
    }
    if (byMeasure.isEmpty()) {
      throw new XbrlException(XbrlErrorCode.UNREADABLE_DOCUMENT, "units registry " + name + " lists no units");
    }
    return new UnitRegistry(byMeasure, ratios);
  }

  private static void add(Map<String, String> unit, Map<QName, Set<String>> byMeasure, Map<String, Ratio> ratios,
      String name) {
    String itemType = unit.get("itemType");
    if (itemType == null) {
      throw new XbrlException(XbrlErrorCode.UNREADABLE_DOCUMENT, "units registry " + name + ": unit "
          + unit.getOrDefault("unitId", "?") + " has no itemType");
    }
    if (unit.containsKey("numeratorItemType")) {
      ratios.put(itemType, new Ratio(unit.get("numeratorItemType"), unit.getOrDefault("denominatorItemType", "")));
    } else if (unit.containsKey("unitId") && unit.containsKey("nsUnit")) {
      byMeasure.computeIfAbsent(new QName(unit.get("nsUnit"), unit.get("unitId")), q -> new HashSet<>()).add(itemType);
    }
  }

  /** The item types a measure is registered for; empty when the registry does not list it. */
  public Set<String> itemTypes(QName measure) {
    return itemTypesByMeasure.getOrDefault(new QName(measure.getNamespaceURI(), measure.getLocalPart()), Set.of());
  }

  /** Whether the registry lists the measure. */
  public boolean contains(QName measure) {
    return !itemTypes(measure).isEmpty();
  }

  /** The numerator and denominator item types of a ratio item type. */
  public Optional<Ratio> ratio(String itemType) {
    return Optional.ofNullable(ratios.get(itemType));
  }
}
