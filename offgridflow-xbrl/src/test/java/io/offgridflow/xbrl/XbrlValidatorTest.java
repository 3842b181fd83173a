package io.offgridflow.xbrl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each negative case breaks one rule in an otherwise valid generated instance and expects the
 * validator to name it with the right code.
 */
class XbrlValidatorTest {
  private static final XbrlValidator VALIDATOR = Fixtures.validator();
  private static final String VALID = new String(
      Fixtures.xbrl(Fixtures.reporter().toInstance(Fixtures.report())), StandardCharsets.UTF_8);
  private static final String SCOPE1 = "<esrs:GrossScope1GreenhouseGasEmissions contextRef=\"c-period\" unitRef=\"u-tCO2e\""
      + " decimals=\"3\">0.638</esrs:GrossScope1GreenhouseGasEmissions>";

  /**
   * A fact that is broken is left out of the sums, so the totals it belongs to no longer add up:
   * that CALCULATION_INCONSISTENT follows from the break and is the only other code allowed.
   */
  private static void assertCaughtAs(ValidationReport r, XbrlErrorCode... expected) {
    assertThat(r.codes()).contains(expected);
    java.util.Set<XbrlErrorCode> allowed = java.util.EnumSet.of(XbrlErrorCode.CALCULATION_INCONSISTENT, expected);
    assertThat(r.codes()).isSubsetOf(allowed);
  }

  private static ValidationReport validate(String xml) {
    return VALIDATOR.validateXbrl(xml.getBytes(StandardCharsets.UTF_8), "broken.xbrl");
  }

  /** The valid document with one exact text replaced; fails if the text is not there exactly once. */
  private static String replace(String find, String with) {
    assertThat(VALID.split(Pattern.quote(find), -1)).as("occurrences of %s", find).hasSize(2);
    return VALID.replace(find, with);
  }

  @Test
  void theUnbrokenDocumentIsValid() {
    assertThat(validate(VALID).issues()).isEmpty();
    assertThat(VALID).contains(SCOPE1);
  }

  @Test
  void aMonetaryRatioUnitOnAnEmissionIsTheWrongUnit() {
    ValidationReport r = validate(replace(SCOPE1, SCOPE1.replace("u-tCO2e\"", "u-tCO2e-per-EUR\"")));
    assertCaughtAs(r, XbrlErrorCode.UNIT_WRONG_FOR_CONCEPT);
    assertThat(r.issues().get(0).message()).contains("GrossScope1GreenhouseGasEmissions", "utr:tCO2e / iso4217:EUR");
  }

  @Test
  void aMeasureMissingFromTheUnitsRegistryIsCaught() {
    String xml = VALID.replace("<xbrli:measure>utr:tCO2e</xbrli:measure>", "<xbrli:measure>utr:tCO2eq</xbrli:measure>");
    ValidationReport r = validate(xml);
    assertThat(r.codes()).contains(XbrlErrorCode.UNIT_NOT_IN_REGISTRY, XbrlErrorCode.UNIT_WRONG_FOR_CONCEPT)
        .doesNotContain(XbrlErrorCode.SCHEMA_INVALID);
  }

  @Test
  void aNumericFactWithoutDecimalsIsCaught() {
    ValidationReport r = validate(replace(SCOPE1, SCOPE1.replace(" decimals=\"3\"", "")));
    assertCaughtAs(r, XbrlErrorCode.DECIMALS_MISSING);
    assertThat(r.issues().get(0).message()).contains("GrossScope1GreenhouseGasEmissions");
  }

  @Test
  void aContextRefToNoContextIsCaught() {
    ValidationReport r = validate(replace(SCOPE1, SCOPE1.replace("contextRef=\"c-period\"", "contextRef=\"c-2023\"")));
    // XML Schema sees an IDREF without its ID; the XBRL rule names the fact and the missing context.
    assertCaughtAs(r, XbrlErrorCode.CONTEXT_NOT_FOUND, XbrlErrorCode.SCHEMA_INVALID);
    assertThat(r.issues()).anySatisfy(i -> assertThat(i.message()).contains("'c-2023'"));
  }

  @Test
  void aTotalThatIsNotTheSumOfItsItemsIsCaught() {
    Matcher m = Pattern.compile("(<esrs:LocationBasedGreenhouseGasEmissions [^>]*>)([0-9.]+)<").matcher(VALID);
    assertThat(m.find()).isTrue();
    String wrong = m.group(1) + "9" + m.group(2) + "<";
    ValidationReport r = validate(replace(m.group(), wrong));
    assertThat(r.codes()).containsExactly(XbrlErrorCode.CALCULATION_INCONSISTENT);
    assertThat(r.issues().get(0).message()).contains("LocationBasedGreenhouseGasEmissions = GrossScope1");
  }

  @Test
  void scope3CategoriesThatDoNotAddUpToScope3AreCaught() {
    Matcher m = Pattern.compile("(<esrs:GrossScope3GreenhouseGasEmissions contextRef=\"c-period-s3-cat6\"[^>]*>)([0-9.]+)<")
        .matcher(VALID);
    assertThat(m.find()).isTrue();
    ValidationReport r = validate(replace(m.group(), m.group(1) + "0.001<"));
    assertThat(r.codes()).containsExactly(XbrlErrorCode.CALCULATION_INCONSISTENT);
    assertThat(r.issues().get(0).message()).contains("Scope 3 = sum of the categories");
  }

  @Test
  void theCategoryAxisOnAScope1FactIsCaught() {
    ValidationReport r = validate(replace(SCOPE1, SCOPE1.replace("\"c-period\"", "\"c-period-s3-cat1\"")));
    assertCaughtAs(r, XbrlErrorCode.DIMENSION_NOT_ALLOWED);
    assertThat(r.issues().get(0).message()).contains("GrossScope1GreenhouseGasEmissions",
        "Scope3GHGEmissionsCategoryGHGProtocolAxis");
  }

  @Test
  void aDimensionInTheSegmentIsCaught() {
    String moved = VALID.replaceFirst(
        "(?s)</xbrli:identifier>\\s*</xbrli:entity>(\\s*<xbrli:period>.*?</xbrli:period>)\\s*<xbrli:scenario>(.*?)</xbrli:scenario>",
        "</xbrli:identifier><xbrli:segment>$2</xbrli:segment></xbrli:entity>$1");
    assertThat(moved).isNotEqualTo(VALID).contains("<xbrli:segment>");
    assertThat(validate(moved).codes()).contains(XbrlErrorCode.DIMENSION_IN_SEGMENT);
  }

  @Test
  void anUnknownMemberOnTheAxisIsCaught() {
    String xml = VALID.replace("esrs:Category6BusinessTravelMember", "esrs:Category16SpaceTravelMember");
    assertThat(validate(xml).codes()).containsExactly(XbrlErrorCode.DIMENSION_MEMBER_UNKNOWN);
  }

  @Test
  void theSameFactTwiceIsADuplicateAndWithAnotherValueAnInconsistency() {
    assertThat(validate(replace(SCOPE1, SCOPE1 + SCOPE1)).codes()).containsExactly(XbrlErrorCode.DUPLICATE_FACT);
    assertThat(validate(replace(SCOPE1, SCOPE1 + SCOPE1.replace("0.638", "0.700"))).codes())
        .contains(XbrlErrorCode.INCONSISTENT_FACT);
  }

  @Test
  void anInstantContextForADurationConceptIsCaught() {
    String xml = VALID.replaceFirst("<xbrli:startDate>2024-01-01</xbrli:startDate>\\s*<xbrli:endDate>2024-12-31</xbrli:endDate>",
        "<xbrli:instant>2024-12-31</xbrli:instant>");
    assertThat(validate(xml).codes()).contains(XbrlErrorCode.PERIOD_TYPE_MISMATCH);
  }

  @Test
  void aConceptTheTaxonomyDoesNotDeclareFailsSchemaValidation() {
    ValidationReport r = validate(replace(SCOPE1, SCOPE1.replace("GrossScope1", "GrossScope4")));
    assertCaughtAs(r, XbrlErrorCode.SCHEMA_INVALID);
    assertThat(r.issues().get(0).location()).startsWith("broken.xbrl:");
  }

  @Test
  void aTextForANumberFailsSchemaValidation() {
    assertThat(validate(replace(SCOPE1, SCOPE1.replace(">0.638<", ">about 0.6<"))).codes())
        .contains(XbrlErrorCode.SCHEMA_INVALID);
  }

  @Test
  void aSchemaOutsideTheCatalogIsRefusedRatherThanDownloaded() {
    String xml = VALID.replace(EsrsSet1Taxonomy.ENTRY_POINT, "https://example.com/taxonomy/other.xsd");
    assertThatThrownBy(() -> validate(xml))
        .isInstanceOfSatisfying(XbrlException.class, e -> assertThat(e.code()).isEqualTo(XbrlErrorCode.SCHEMA_NOT_AVAILABLE))
        .hasMessageContaining("https://example.com/taxonomy/other.xsd");
  }

  @Test
  void somethingThatIsNotXbrlIsUnreadable() {
    assertThatThrownBy(() -> validate("<html/>")).hasMessageContaining("not an XBRL instance");
    assertThatThrownBy(() -> validate("<xbrli:xbrl")).hasMessageContaining("not well-formed");
  }

  @Test
  void requireValidListsEveryIssue() {
    ValidationReport r = validate(replace(SCOPE1, SCOPE1.replace(" decimals=\"3\"", "").replace("\"c-period\"", "\"c-x\"")));
    assertThatThrownBy(r::requireValid).hasMessageContaining("DECIMALS_MISSING").hasMessageContaining("CONTEXT_NOT_FOUND");
  }
}
