package io.offgridflow.calc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.offgridflow.factors.FactorCatalog;
import io.offgridflow.factors.GwpSet;
import io.offgridflow.units.Money;
import io.offgridflow.units.Quantity;
import io.offgridflow.units.Unit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One worked example per dataset and activity kind. Every expected value is written out from the
 * published factor (numbers as they appear in the publisher's table, cited by row) so a reader can
 * check the arithmetic by hand; the bar is 0.01% and the engine is far inside it.
 */
class WorkedExamplesTest {
  /** 1 lb = 0.45359237 kg, exact by definition. */
  static final double KG_PER_LB = 0.45359237;
  /** AR5 GWP100 (IPCC AR5 WG1 Table 8.A.1, as in EPA Hub 2025 Table 11). */
  static final double CH4_AR5 = 28, N2O_AR5 = 265;
  /** AR6 GWP100 (AR6 WG1 Table 7.SM.7). */
  static final double CH4_AR6 = 27.9, N2O_AR6 = 273;
  /** AR4 GWP100 (AR4 WG1 Table 2.14). */
  static final double CH4_AR4 = 25, N2O_AR4 = 298;

  static FactorCatalog catalog;
  static Calculator ar5;
  static Calculator ar6;
  static Calculator ar4;

  @BeforeAll
  static void load() {
    catalog = FactorCatalog.bundled();
    ar5 = Calculator.builder().catalog(catalog).build();
    ar6 = Calculator.builder().catalog(catalog).gwp(GwpSet.AR6).build();
    ar4 = Calculator.builder().catalog(catalog).gwp(GwpSet.AR4).build();
  }

  /** Relative tolerance of the issue's bar: 0.01 %. */
  static Offset<Double> bar(double expected) {
    return within(Math.abs(expected) * 1e-4);
  }

  @Nested
  class Egrid {
    @Test
    void nwpp2023LocationBasedIsTheIssuesExample() {
      // eGRID2023 NWPP (Hub 2025 Table 6, C350): CO2 631.705, CH4 0.054, N2O 0.008 lb/MWh
      double expected = 2.5 * (631.705 + 28 * 0.054 + 265 * 0.008) * KG_PER_LB;
      EmissionResult r = ar5.calculate(Activity.electricity("e1", Quantity.of(2500, Unit.KWH), "US-NWPP")
          .dataset("epa-egrid-2023").build());
      assertThat(r.co2eKg()).isCloseTo(expected, bar(expected));
      assertThat(r.scope()).isEqualTo(Scope.SCOPE_2);
      assertThat(r.method()).isEqualTo(Method.LOCATION_BASED);
      assertThat(r.gases().co2Kg()).isCloseTo(2.5 * 631.705 * KG_PER_LB, bar(2.5 * 631.705 * KG_PER_LB));
      assertThat(r.gases().ch4Kg()).isCloseTo(2.5 * 0.054 * KG_PER_LB, bar(2.5 * 0.054 * KG_PER_LB));
      assertThat(r.gases().n2oKg()).isCloseTo(2.5 * 0.008 * KG_PER_LB, bar(2.5 * 0.008 * KG_PER_LB));
      assertThat(r.provenance().datasetId()).isEqualTo("epa-egrid-2023");
      assertThat(r.provenance().factorUnit()).isEqualTo("MWh");
      assertThat(r.provenance().gwp()).isEqualTo(GwpSet.AR5);
      assertThat(r.factorQuantity()).isEqualTo(2.5);
      // No instrument: market-based equals location-based.
      assertThat(r.marketCo2eKg()).isEqualTo(r.co2eKg());
    }

    @Test
    void newestEditionIsChosenWhenNoDatasetIsPinned() {
      // US average, eGRID2023 (C366): 771.523, 0.057, 0.008 lb/MWh
      double expected = 10 * (771.523 + 28 * 0.057 + 265 * 0.008) * KG_PER_LB;
      EmissionResult r = ar5.calculate(Activity.electricity("us", Quantity.of(10, Unit.MWH), "US").build());
      assertThat(r.co2eKg()).isCloseTo(expected, bar(expected));
      assertThat(r.provenance().datasetId()).isEqualTo("epa-egrid-2023");
    }

    @Test
    void pinnedOlderEditionIsHonoured() {
      // eGRID2022 NWPP (Hub 2024 Table 6, C344): 602.088, 0.056, 0.008 lb/MWh
      double expected = 1.0 * (602.088 + 28 * 0.056 + 265 * 0.008) * KG_PER_LB;
      EmissionResult r = ar5.calculate(Activity.electricity("e22", Quantity.of(1000, Unit.KWH), "US-NWPP")
          .dataset("epa-egrid-2022").build());
      assertThat(r.co2eKg()).isCloseTo(expected, bar(expected));
      assertThat(r.provenance().datasetId()).isEqualTo("epa-egrid-2022");
    }

    @Test
    void gwpSetChangesOnlyTheNonCo2Gases() {
      Activity a = Activity.electricity("e1", Quantity.of(1, Unit.MWH), "US-NWPP").dataset("epa-egrid-2023").build();
      double ar6Expected = (631.705 + 27.9 * 0.054 + 273 * 0.008) * KG_PER_LB;
      double ar4Expected = (631.705 + 25 * 0.054 + 298 * 0.008) * KG_PER_LB;
      assertThat(ar6.calculate(a).co2eKg()).isCloseTo(ar6Expected, bar(ar6Expected));
      assertThat(ar4.calculate(a).co2eKg()).isCloseTo(ar4Expected, bar(ar4Expected));
      // Per-activity override beats the calculator's default.
      Activity overridden = Activity.electricity("e1", Quantity.of(1, Unit.MWH), "US-NWPP")
          .dataset("epa-egrid-2023").gwp(GwpSet.AR6).build();
      assertThat(ar5.calculate(overridden).co2eKg()).isCloseTo(ar6Expected, bar(ar6Expected));
    }
  }

  @Nested
  class MarketBasedScope2 {
    final double nwppKgPerKwh = (631.705 + 28 * 0.054 + 265 * 0.008) * KG_PER_LB / 1000;

    @Test
    void certificatesFirstThenSupplierRate() {
      // 2500 kWh: 1000 covered by certificates (0 kg), 1500 at the supplier's 0.3 kg/kWh
      EmissionResult r = ar5.calculate(Activity.electricity("m1", Quantity.of(2500, Unit.KWH), "US-NWPP")
          .market(MarketInstruments.builder().certificatesKwh(1000).supplierKgPerKwh(0.3).build()).build());
      assertThat(r.marketCo2eKg()).isCloseTo(1500 * 0.3, bar(450));
      assertThat(r.co2eKg()).isCloseTo(2500 * nwppKgPerKwh, bar(2500 * nwppKgPerKwh));
      assertThat(r.market().orElseThrow().segments())
          .extracting(MarketBased.Segment::basis)
          .containsExactly(MarketBased.Basis.CERTIFICATES, MarketBased.Basis.SUPPLIER_SPECIFIC);
    }

    @Test
    void residualMixWhenNoSupplierRate() {
      EmissionResult r = ar5.calculate(Activity.electricity("m2", Quantity.of(2500, Unit.KWH), "US-NWPP")
          .market(MarketInstruments.builder().residualMixKgPerKwh(0.41).build()).build());
      assertThat(r.marketCo2eKg()).isCloseTo(2500 * 0.41, bar(2500 * 0.41));
    }

    @Test
    void gridAverageIsTheLastFallback() {
      // 500 of 2500 kWh covered; the remaining 2000 kWh at the NWPP grid average
      EmissionResult r = ar5.calculate(Activity.electricity("m3", Quantity.of(2500, Unit.KWH), "US-NWPP")
          .market(MarketInstruments.builder().certificatesKwh(500).build()).build());
      assertThat(r.marketCo2eKg()).isCloseTo(2000 * nwppKgPerKwh, bar(2000 * nwppKgPerKwh));
      assertThat(r.market().orElseThrow().segments().get(1).basis()).isEqualTo(MarketBased.Basis.GRID_AVERAGE);
    }

    @Test
    void certificatesBeyondConsumptionGiveZeroNotNegative() {
      EmissionResult r = ar5.calculate(Activity.electricity("m4", Quantity.of(2500, Unit.KWH), "US-NWPP")
          .market(MarketInstruments.builder().certificatesKwh(9000).supplierKgPerKwh(0.3).build()).build());
      assertThat(r.marketCo2eKg()).isZero();
      assertThat(r.market().orElseThrow().segments()).hasSize(1);
      assertThat(r.market().orElseThrow().segments().get(0).kwh()).isEqualTo(2500);
    }
  }

  @Test
  void desnzUkElectricityReproducesThePublishedTotalUnderAr5() {
    // DESNZ 2024, 7_400_4000_5_1: 0.20705 kg CO2e/kWh (CO2 0.20493, CH4 0.0009, N2O 0.00122 as CO2e, AR5)
    EmissionResult r = ar5.calculate(Activity.electricity("gb", Quantity.of(10_000, Unit.KWH), "GB").build());
    assertThat(r.co2eKg()).isCloseTo(10_000 * 0.20705, bar(2070.5));
    assertThat(r.provenance().datasetId()).isEqualTo("desnz-2024");
    // Under AR6 the gases are restated: CH4 mass = 0.0009/28, N2O mass = 0.00122/265
    double ar6Expected = 10_000 * (0.20493 + 0.0009 / 28 * 27.9 + 0.00122 / 265 * 273);
    assertThat(ar6.calculate(r.activity()).co2eKg()).isCloseTo(ar6Expected, bar(ar6Expected));
  }

  @Test
  void emberCoversCountriesNoNationalDatasetCovers() {
    // Ember via @tgwf/co2, Germany 2024: 342.06 g/kWh
    EmissionResult r = ar5.calculate(Activity.electricity("de", Quantity.of(1000, Unit.KWH), "DE").build());
    assertThat(r.co2eKg()).isCloseTo(1000 * 342.06 / 1000, bar(342.06));
    assertThat(r.provenance().datasetId()).isEqualTo("ember-2024");
    assertThat(r.provenance().gwpApplied()).isFalse();
    assertThat(r.gases().gasesReported()).isFalse();
  }

  @Nested
  class StationaryCombustion {
    @Test
    void epaNaturalGasByEnergy() {
      // Hub 2025 Table 1, C38: 53.06 kg CO2, 1 g CH4, 0.1 g N2O per mmBtu; 120 therm = 12 mmBtu
      double expected = 12 * (53.06 + 28 * 1 / 1000.0 + 265 * 0.1 / 1000.0);
      EmissionResult r = ar5.calculate(Activity.stationaryCombustion("g1", Quantity.of(120, Unit.THERM), "natural_gas")
          .region("US").build());
      assertThat(r.co2eKg()).isCloseTo(expected, bar(expected));
      assertThat(r.scope()).isEqualTo(Scope.SCOPE_1);
      assertThat(r.method()).isEqualTo(Method.FUEL_BASED);
      assertThat(r.provenance().datasetId()).isEqualTo("epa-hub-2025");
    }

    @Test
    void epaNaturalGasByVolume() {
      // C38 per scf: 0.05444 kg CO2, 0.00103 g CH4, 0.0001 g N2O
      double expected = 1000 * (0.05444 + 28 * 0.00103 / 1000 + 265 * 0.0001 / 1000);
      EmissionResult r = ar5.calculate(Activity.stationaryCombustion("g2", Quantity.of(1000, Unit.SCF), "natural_gas")
          .region("US").build());
      assertThat(r.co2eKg()).isCloseTo(expected, bar(expected));
    }

    @Test
    void epaDieselIsDistillateFuelOilNo2() {
      // C55 Distillate Fuel Oil No. 2 per gallon: 10.21 kg CO2, 0.41 g CH4, 0.08 g N2O; 378.5411784 L = 100 gal
      double expected = 100 * (10.21 + 28 * 0.41 / 1000 + 265 * 0.08 / 1000);
      EmissionResult r = ar5.calculate(Activity.stationaryCombustion("d1", Quantity.of(378.5411784, Unit.LITRE), "diesel")
          .region("US-RFCE").build());
      assertThat(r.co2eKg()).isCloseTo(expected, bar(expected));
    }

    @Test
    void biomassCo2IsBiogenicAndOutsideTheScopes() {
      // C35 Wood and Wood Residuals per short ton: 1640 kg CO2 (biogenic), 126 g CH4, 63 g N2O
      EmissionResult r = ar5.calculate(Activity.stationaryCombustion("w1", Quantity.of(1, Unit.SHORT_TON),
          "wood_and_wood_residuals").region("US").build());
      double expected = 28 * 0.126 + 265 * 0.063;
      assertThat(r.co2eKg()).isCloseTo(expected, bar(expected));
      assertThat(r.gases().biogenicCo2Kg()).isCloseTo(1640, bar(1640));
      assertThat(r.gases().co2Kg()).isZero();
    }

    @Test
    void desnzNaturalGasGrossCalorificEnergy() {
      // DESNZ 2024 1_100_1004_6_1: 0.1829 kg CO2e per kWh (Gross CV)
      EmissionResult r = ar5.calculate(Activity.stationaryCombustion("g3", Quantity.of(50_000, Unit.KWH_GCV), "natural_gas")
          .region("GB").build());
      assertThat(r.co2eKg()).isCloseTo(50_000 * 0.1829, bar(50_000 * 0.1829));
      assertThat(r.provenance().datasetId()).isEqualTo("desnz-2024");
    }
  }

  @Nested
  class MobileCombustion {
    @Test
    void epaFuelBasedGivesCo2Only() {
      // Hub 2025 Table 2, C107: Diesel Fuel 10.21 kg CO2/gallon
      EmissionResult r = ar5.calculate(Activity.mobileFuel("f1", Quantity.of(100, Unit.US_GALLON), "diesel")
          .region("US").build());
      assertThat(r.co2eKg()).isCloseTo(1021, bar(1021));
      assertThat(r.gases().ch4Kg()).isZero();
    }

    @Test
    void desnzDieselIsTheAverageBiofuelBlendWithBiogenicCo2Apart() {
      // DESNZ 1_101_1011_8_1: 2.51279 kg CO2e/litre; outside of scopes 99_604_1011_8_2: 0.16 kg CO2/litre
      EmissionResult r = ar5.calculate(Activity.mobileFuel("f2", Quantity.of(1000, Unit.LITRE), "diesel")
          .region("GB").build());
      assertThat(r.co2eKg()).isCloseTo(2512.79, bar(2512.79));
      assertThat(r.gases().biogenicCo2Kg()).isCloseTo(160, bar(160));
    }

    @Test
    void distanceBasedCarriesCh4AndN2o() {
      // Hub 2025 Table 10, C504: Passenger Car 0.297 kg CO2, 0.0059 g CH4, 0.0053 g N2O per vehicle-mile
      double expected = 1000 * (0.297 + 28 * 0.0059 / 1000 + 265 * 0.0053 / 1000);
      EmissionResult r = ar5.calculate(Activity.mobileDistance("v1", Quantity.of(1000, Unit.MILE), "passenger_car")
          .region("US").build());
      assertThat(r.co2eKg()).isCloseTo(expected, bar(expected));
      assertThat(r.scope()).isEqualTo(Scope.SCOPE_1);
      assertThat(r.method()).isEqualTo(Method.DISTANCE_BASED);
      assertThat(r.gases().ch4Kg()).isCloseTo(1000 * 0.0059 / 1000, bar(0.0059));
    }
  }

  @Test
  void vehicleTravelIsScope3BusinessTravel() {
    // DESNZ 25_301_3074_4_1: average car, unknown fuel, 0.16691 kg CO2e/km
    EmissionResult r = ar5.calculate(Activity.vehicleTravel("t1", Quantity.of(800, Unit.KILOMETRE), "passenger_car")
        .region("GB").build());
    assertThat(r.co2eKg()).isCloseTo(800 * 0.16691, bar(800 * 0.16691));
    assertThat(r.scope()).isEqualTo(Scope.SCOPE_3);
    assertThat(r.scope3Category()).isEqualTo(6);
  }

  @Nested
  class PassengerTravel {
    @Test
    void epaLongHaulFlight() {
      // Table 10, C515: 0.163 kg CO2, 0.0006 g CH4, 0.0052 g N2O per passenger-mile
      double expected = 5000 * (0.163 + 28 * 0.0006 / 1000 + 265 * 0.0052 / 1000);
      EmissionResult r = ar5.calculate(Activity.passengerTravel("a1", Quantity.of(5000, Unit.PASSENGER_MILE),
          "air_long_haul").region("US").build());
      assertThat(r.co2eKg()).isCloseTo(expected, bar(expected));
      assertThat(r.scope3Category()).isEqualTo(6);
    }

    @Test
    void desnzWithAndWithoutRadiativeForcing() {
      // Long-haul economy: with RF 21_316_3170_11_1 = 0.20011, without RF 21_316_3171_11_1 = 0.11812 kg CO2e/pkm
      Activity.Builder b = Activity.passengerTravel("a2", Quantity.of(9000, Unit.PASSENGER_KM), "air_long_haul_economy")
          .region("GB");
      assertThat(ar5.calculate(b.radiativeForcing(true).build()).co2eKg()).isCloseTo(9000 * 0.20011, bar(9000 * 0.20011));
      assertThat(ar5.calculate(b.radiativeForcing(false).build()).co2eKg()).isCloseTo(9000 * 0.11812, bar(9000 * 0.11812));
    }
  }

  @Nested
  class Refrigerants {
    @Test
    void blendUsesEpaTable12UnderAr5() {
      // Hub 2025 Table 12, C575: R-410A GWP 1924
      EmissionResult r = ar5.calculate(Activity.refrigerant("r1", Quantity.of(2, Unit.KILOGRAM), "R-410A").build());
      assertThat(r.co2eKg()).isCloseTo(2 * 1924, bar(3848));
      assertThat(r.gases().otherGhgCo2eKg()).isCloseTo(3848, bar(3848));
      assertThat(r.scope()).isEqualTo(Scope.SCOPE_1);
    }

    @Test
    void blendIsRebuiltFromItsCompositionUnderAr6() {
      // R-410A = 50% HFC-32 + 50% HFC-125; AR6: HFC-32 771, HFC-125 3740
      double expected = 2 * (0.5 * 771 + 0.5 * 3740);
      assertThat(ar6.calculate(Activity.refrigerant("r2", Quantity.of(2, Unit.KILOGRAM), "R-410A").build()).co2eKg())
          .isCloseTo(expected, bar(expected));
    }

    @Test
    void pureGasUnderAr4() {
      // HFC-134a AR4 1430; 10 lb leaked
      double expected = 10 * KG_PER_LB * 1430;
      assertThat(ar4.calculate(Activity.refrigerant("r3", Quantity.of(10, Unit.POUND), "HFC-134a").build()).co2eKg())
          .isCloseTo(expected, bar(expected));
    }
  }

  @Test
  void spendIsDeflatedToTheFactorPriceYear() {
    // USEEIO v1.3 NAICS 111110: 0.532 kg CO2e per 2022 USD (with margins);
    // 10,000 USD spent in 2024 = 10,000 x CPI-U 2022 / CPI-U 2024 = 10,000 x 292.655 / 313.689 2022 USD
    double expected = 10_000 * 292.655 / 313.689 * 0.532;
    EmissionResult r = ar5.calculate(Activity.spend("s1", Money.of(10_000, "USD", 2024), "111110").build());
    assertThat(r.co2eKg()).isCloseTo(expected, bar(expected));
    assertThat(r.factorQuantity()).isCloseTo(10_000 * 292.655 / 313.689, within(1e-6));
    assertThat(r.scope3Category()).isEqualTo(1);
    assertThat(r.method()).isEqualTo(Method.SPEND_BASED);
    assertThat(r.provenance().factorUnit()).isEqualTo("USD2022");
  }

  @Test
  void spendCategoryCanBeOverridden() {
    // Capital goods (category 2): 5,000 2022-USD of custom programming at 0.084 kg/USD
    EmissionResult r = ar5.calculate(Activity.spend("s2", Money.of(5_000, "USD", 2022), "541511")
        .scope3Category(2).build());
    assertThat(r.co2eKg()).isCloseTo(5_000 * 0.084, bar(420));
    assertThat(r.scope3Category()).isEqualTo(2);
  }

  @Test
  void epaSteamAndHeat() {
    // Hub 2025 Table 7: 66.33 kg CO2, 1.25 g CH4, 0.125 g N2O per mmBtu of steam
    double expected = 10 * (66.33 + 28 * 1.25 / 1000 + 265 * 0.125 / 1000);
    EmissionResult r = ar5.calculate(Activity.steam("st1", Quantity.of(10, Unit.MMBTU)).region("US").build());
    assertThat(r.co2eKg()).isCloseTo(expected, bar(expected));
    assertThat(r.scope()).isEqualTo(Scope.SCOPE_2);
  }

  @Test
  void desnzDistrictHeat() {
    // DESNZ 10_401_4003_5_1: district heat and steam 0.17965 kg CO2e/kWh
    EmissionResult r = ar5.calculate(Activity.steam("st2", Quantity.of(1000, Unit.KWH)).fuel("district_heat")
        .region("GB").build());
    assertThat(r.co2eKg()).isCloseTo(179.65, bar(179.65));
  }

  @Test
  void cloudEnergyInAGoogleRegion() {
    // Google Cloud 2024, europe-west1: 103.37 gCO2eq/kWh
    EmissionResult r = ar5.calculate(Activity.cloud("c1", Quantity.of(1000, Unit.KWH), "gcp:europe-west1").build());
    assertThat(r.co2eKg()).isCloseTo(103.37, bar(103.37));
    assertThat(r.scope()).isEqualTo(Scope.SCOPE_3);
    assertThat(r.scope3Category()).isEqualTo(1);
    assertThat(r.provenance().datasetId()).isEqualTo("gcp-2024");
  }
}
