package io.offgridflow.xbrl;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.xbrl.spi.ConceptDefinition;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;

class XbrlInstanceTest {
  private final EsrsSet1Taxonomy esrs = new EsrsSet1Taxonomy();
  private final XbrlInstance instance = Fixtures.reporter().toInstance(Fixtures.report());

  private QName concept(Disclosure d) {
    return esrs.concept(d).map(ConceptDefinition::name).orElseThrow();
  }

  /** The undimensioned numeric facts by concept. */
  private Map<QName, Fact.Numeric> totals() {
    Map<QName, Fact.Numeric> m = new LinkedHashMap<>();
    for (Fact f : instance.facts()) {
      if (f instanceof Fact.Numeric n && n.contextRef().equals("c-period")) {
        m.put(n.concept(), n);
      }
    }
    return m;
  }

  @Test
  void scopeTotalsAreTheInventoryInTonnesRoundedToThreeDecimals() {
    Map<QName, Fact.Numeric> t = totals();
    // Scope 1: 636.9 + 1.5 kg; Scope 2: 720.46 + 288.18 kg location, 432.28 + 0 market.
    assertThat(t.get(concept(Disclosure.GROSS_SCOPE_1)).value()).isEqualByComparingTo("0.638");
    assertThat(t.get(concept(Disclosure.GROSS_SCOPE_2_LOCATION)).value()).isEqualByComparingTo("1.009");
    assertThat(t.get(concept(Disclosure.GROSS_SCOPE_2_MARKET)).value()).isEqualByComparingTo("0.432");
    // Scope 3 is the sum of its rounded categories: 1.235 (cat 1, 1234.5678 kg) + 0.750 (cat 6, 750.125 kg).
    assertThat(t.get(concept(Disclosure.GROSS_SCOPE_3)).value()).isEqualByComparingTo("1.985");
    assertThat(t.get(concept(Disclosure.BIOGENIC_CO2)).value()).isEqualByComparingTo("3.600");
    assertThat(t.values()).allSatisfy(f -> assertThat(f.decimals()).isNotNegative());
  }

  @Test
  void totalsEqualTheSumOfTheReportedItemsAsTheCalculationLinkbaseStates() {
    Map<QName, Fact.Numeric> t = totals();
    BigDecimal s1 = t.get(concept(Disclosure.GROSS_SCOPE_1)).value();
    BigDecimal s3 = t.get(concept(Disclosure.GROSS_SCOPE_3)).value();
    assertThat(t.get(concept(Disclosure.TOTAL_LOCATION_BASED)).value())
        .isEqualTo(s1.add(t.get(concept(Disclosure.GROSS_SCOPE_2_LOCATION)).value()).add(s3));
    assertThat(t.get(concept(Disclosure.TOTAL_MARKET_BASED)).value())
        .isEqualTo(s1.add(t.get(concept(Disclosure.GROSS_SCOPE_2_MARKET)).value()).add(s3));
  }

  @Test
  void intensityIsTheTotalPerEuroOfNetRevenueInItsOwnUnit() {
    Fact.Numeric loc = totals().get(concept(Disclosure.INTENSITY_LOCATION_BASED));
    BigDecimal total = totals().get(concept(Disclosure.TOTAL_LOCATION_BASED)).value();
    assertThat(loc.unitRef()).isEqualTo("u-tCO2e-per-EUR");
    // 3.632 t / 2,500,000 EUR = 1.4528e-6 t/EUR, kept to six significant digits.
    assertThat(loc.value()).isEqualByComparingTo(total.divide(new BigDecimal("2500000")));
    assertThat(loc.decimals()).isEqualTo(loc.value().scale());
    XbrlUnit unit = instance.units().stream().filter(u -> u.id().equals(loc.unitRef())).findFirst().orElseThrow();
    assertThat(unit.numerator()).containsExactly(XbrlUnit.TCO2E);
    assertThat(unit.denominator()).containsExactly(XbrlUnit.currency("EUR"));
  }

  @Test
  void scope3CategoriesAreOnTheCategoryAxisInTheScenario() {
    List<Fact.Numeric> categories = instance.facts().stream()
        .filter(f -> f instanceof Fact.Numeric n && !n.contextRef().equals("c-period")).map(f -> (Fact.Numeric) f)
        .toList();
    assertThat(categories).extracting(Fact.Numeric::concept).containsOnly(concept(Disclosure.GROSS_SCOPE_3));
    assertThat(categories).extracting(Fact.Numeric::contextRef).containsExactly("c-period-s3-cat1", "c-period-s3-cat6");
    XbrlContext cat6 = instance.contexts().stream().filter(c -> c.id().equals("c-period-s3-cat6")).findFirst()
        .orElseThrow();
    assertThat(cat6.scenario()).containsExactly(new XbrlContext.Member(
        new QName(EsrsSet1Taxonomy.NAMESPACE, "Scope3GHGEmissionsCategoryGHGProtocolAxis"),
        new QName(EsrsSet1Taxonomy.NAMESPACE, "Category6BusinessTravelMember")));
  }

  @Test
  void methodologyTextBlockNamesEveryDatasetEditionGwpAndMethod() {
    Fact.Text text = instance.facts().stream().filter(f -> f instanceof Fact.Text).map(f -> (Fact.Text) f)
        .findFirst().orElseThrow();
    assertThat(text.xhtml()).isTrue();
    assertThat(text.concept()).isEqualTo(concept(Disclosure.METHODOLOGY));
    assertThat(text.value())
        .contains("epa-egrid-2023", "eGRID2023 (Jan 2025)", "desnz-2024", "useeio-1.3", "v1.3.0")
        .contains("IPCC AR5")
        .contains("location-based (2)", "fuel-based (2)", "distance-based (1)", "spend-based (1)")
        .contains("1 record uses a factor that the publisher gives as CO2e only");
  }

  @Test
  void writtenInstanceHasSchemaRefLeiDurationAndDecimalsOnEveryNumericFact() {
    String xml = new String(Fixtures.xbrl(instance), StandardCharsets.UTF_8);
    Fixtures.keep("ghg-2024.xbrl", xml.getBytes(StandardCharsets.UTF_8));
    assertThat(xml)
        .contains("xlink:href=\"https://xbrl.efrag.org/taxonomy/esrs/2023-12-22/esrs_all.xsd\"")
        .contains("xmlns:utr=\"http://www.xbrl.org/2009/utr\"")
        .contains("xmlns:esrs=\"https://xbrl.efrag.org/taxonomy/esrs/2023-12-22\"")
        .contains("<xbrli:identifier scheme=\"http://standards.iso.org/iso/17442\">" + Fixtures.LEI)
        .contains("<xbrli:startDate>2024-01-01</xbrli:startDate>")
        .contains("<xbrli:measure>utr:tCO2e</xbrli:measure>")
        .contains("<xbrldi:explicitMember dimension=\"esrs:Scope3GHGEmissionsCategoryGHGProtocolAxis\">"
            + "esrs:Category1PurchasedGoodsAndServicesMember</xbrldi:explicitMember>")
        .doesNotContain("xbrli:segment").doesNotContain("xbrli:instant");
    long numeric = instance.facts().stream().filter(f -> f instanceof Fact.Numeric).count();
    assertThat(xml.split("decimals=\"", -1)).hasSize((int) numeric + 1);
  }

  @Test
  void generatedInstanceValidatesWithNoIssues() {
    ValidationReport r = Fixtures.validator().validateXbrl(Fixtures.xbrl(instance), "ghg-2024.xbrl");
    assertThat(r.issues()).isEmpty();
    assertThat(r.facts()).isEqualTo(instance.facts().size());
  }
}
