package io.offgridflow.xbrl.spi;

import java.util.Set;
import javax.xml.namespace.QName;

/**
 * A taxonomy concept a report tags facts with. Every concept of a GHG report is a duration item
 * (emissions over the reporting period), which is what {@code xbrli:periodType="duration"} says.
 *
 * <pre>{@code
 * new ConceptDefinition(new QName(NS, "GrossScope3GreenhouseGasEmissions"), DataType.GHG_EMISSIONS,
 *     Set.of(new QName(NS, "Scope3GHGEmissionsCategoryGHGProtocolAxis")));
 * }</pre>
 *
 * @param name the concept's qualified name
 * @param dataType its data type, which fixes the unit
 * @param axes the dimensions the concept may be reported on (in {@code xbrli:scenario}); empty for
 *     none
 */
public record ConceptDefinition(QName name, DataType dataType, Set<QName> axes) {
  public ConceptDefinition {
    axes = Set.copyOf(axes);
  }
}
