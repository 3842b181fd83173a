package io.offgridflow.xbrl.internal;

import io.offgridflow.inventory.Inventory;
import io.offgridflow.xbrl.Disclosure;
import io.offgridflow.xbrl.Fact;
import io.offgridflow.xbrl.GhgReport;
import io.offgridflow.xbrl.XbrlContext;
import io.offgridflow.xbrl.XbrlInstance;
import io.offgridflow.xbrl.XbrlUnit;
import io.offgridflow.xbrl.spi.CategoryAxis;
import io.offgridflow.xbrl.spi.ConceptDefinition;
import io.offgridflow.xbrl.spi.TaxonomyMapping;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a report into facts of a taxonomy. Emissions are kilograms in the inventory and tonnes in
 * the report. Each item is rounded once to {@code decimals}, and every total is the exact sum of
 * the rounded items it comprises — not the rounded exact total — so that the calculation
 * relationships hold exactly (XBRL 2.1 section 5.2.5.2 compares rounded sums). The price is that
 * a total may differ from its exact value by up to half a unit of the last place per item.
 */
public final class FactAssembler {
  public static final String DEFAULT_CONTEXT = "c-period";
  public static final String TCO2E_UNIT = "u-tCO2e";

  private final TaxonomyMapping mapping;
  private final int decimals;
  private final int intensityDigits;

  public FactAssembler(TaxonomyMapping mapping, int decimals, int intensityDigits) {
    this.mapping = mapping;
    this.decimals = decimals;
    this.intensityDigits = intensityDigits;
  }

  public XbrlInstance assemble(GhgReport report, String methodologyXhtml) {
    Inventory inv = report.inventory();
    List<XbrlContext> contexts = new ArrayList<>();
    List<XbrlUnit> units = new ArrayList<>();
    List<Fact> facts = new ArrayList<>();
    contexts.add(new XbrlContext(DEFAULT_CONTEXT, report.entity(), report.period(), List.of()));
    units.add(XbrlUnit.of(TCO2E_UNIT, XbrlUnit.TCO2E));

    BigDecimal s1 = tonnes(inv.totals().scope1Kg());
    BigDecimal s2l = tonnes(inv.scope2LocationKg());
    BigDecimal s2m = tonnes(inv.scope2MarketKg());
    BigDecimal s3;
    Optional<CategoryAxis> axis = mapping.scope3Categories();
    Optional<ConceptDefinition> scope3Concept = mapping.concept(Disclosure.GROSS_SCOPE_3);
    List<Fact> categoryFacts = new ArrayList<>();
    if (axis.isPresent() && !inv.scope3ByCategoryKg().isEmpty()) {
      s3 = BigDecimal.ZERO.setScale(decimals);
      for (Map.Entry<Integer, Double> e : inv.scope3ByCategoryKg().entrySet()) {
        BigDecimal t = tonnes(e.getValue());
        s3 = s3.add(t);
        String contextId = DEFAULT_CONTEXT + "-s3-cat" + e.getKey();
        contexts.add(new XbrlContext(contextId, report.entity(), report.period(),
            List.of(new XbrlContext.Member(axis.get().axis(), axis.get().member(e.getKey())))));
        if (scope3Concept.isPresent()) {
          categoryFacts.add(new Fact.Numeric(scope3Concept.get().name(), contextId, TCO2E_UNIT, t, decimals));
        }
      }
    } else {
      s3 = tonnes(inv.totals().scope3Kg());
    }
    BigDecimal totalLocation = s1.add(s2l).add(s3);
    BigDecimal totalMarket = s1.add(s2m).add(s3);

    emissions(facts, Disclosure.GROSS_SCOPE_1, s1);
    emissions(facts, Disclosure.GROSS_SCOPE_2_LOCATION, s2l);
    emissions(facts, Disclosure.GROSS_SCOPE_2_MARKET, s2m);
    emissions(facts, Disclosure.GROSS_SCOPE_3, s3);
    facts.addAll(categoryFacts);
    emissions(facts, Disclosure.TOTAL_LOCATION_BASED, totalLocation);
    emissions(facts, Disclosure.TOTAL_MARKET_BASED, totalMarket);
    emissions(facts, Disclosure.BIOGENIC_CO2, tonnes(inv.biogenicCo2Kg()));

    if (report.netRevenue().isPresent() && report.currency().isPresent()) {
      String code = report.currency().get().getCurrencyCode();
      String unitId = "u-tCO2e-per-" + code;
      units.add(XbrlUnit.divide(unitId, XbrlUnit.TCO2E, XbrlUnit.currency(code)));
      BigDecimal revenue = report.netRevenue().get();
      intensity(facts, Disclosure.INTENSITY_LOCATION_BASED, totalLocation, revenue, unitId);
      intensity(facts, Disclosure.INTENSITY_MARKET_BASED, totalMarket, revenue, unitId);
    }
    mapping.concept(Disclosure.METHODOLOGY)
        .ifPresent(c -> facts.add(new Fact.Text(c.name(), DEFAULT_CONTEXT, methodologyXhtml, true)));

    Map<String, String> namespaces = new LinkedHashMap<>();
    namespaces.put(mapping.prefix(), mapping.namespace());
    return new XbrlInstance(mapping.schemaRef(), namespaces, contexts, units, facts);
  }

  private void emissions(List<Fact> facts, Disclosure d, BigDecimal tonnes) {
    mapping.concept(d).ifPresent(c -> facts.add(new Fact.Numeric(c.name(), DEFAULT_CONTEXT, TCO2E_UNIT, tonnes, decimals)));
  }

  /**
   * Total per currency unit to {@code intensityDigits} significant digits; decimals follow from
   * the digits kept (0.00123457 tCO2e/EUR has decimals 8).
   */
  private void intensity(List<Fact> facts, Disclosure d, BigDecimal total, BigDecimal revenue, String unitId) {
    Optional<ConceptDefinition> c = mapping.concept(d);
    if (c.isEmpty()) {
      return;
    }
    BigDecimal value;
    int dec;
    if (total.signum() == 0) {
      value = BigDecimal.ZERO;
      dec = decimals;
    } else {
      value = total.divide(revenue, new MathContext(intensityDigits, RoundingMode.HALF_EVEN));
      dec = value.scale();
      if (dec < 0) {
        value = value.setScale(0, RoundingMode.UNNECESSARY);
      }
    }
    facts.add(new Fact.Numeric(c.get().name(), DEFAULT_CONTEXT, unitId, value, dec));
  }

  private BigDecimal tonnes(double kg) {
    return BigDecimal.valueOf(kg).movePointLeft(3).setScale(decimals, RoundingMode.HALF_EVEN);
  }
}
