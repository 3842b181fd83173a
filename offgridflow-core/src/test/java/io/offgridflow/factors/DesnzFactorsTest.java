package io.offgridflow.factors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.offgridflow.units.Dimension;
import io.offgridflow.units.Unit;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DesnzFactorsTest {
  private static final double AR5_CH4 = 28;
  private static final double AR5_N2O = 265;

  @Test
  void dieselPerLitreRecoversMassesAndKeepsTheTotal() {
    // IDs 1_101_1011_8_1..4: Diesel (average biofuel blend), litres: 2.51279 total; 2.4796 CO2; 0.00029 CH4; 0.0329 N2O
    // Outside of scopes, forecourt diesel per litre: 0.16 kg CO2 (biogenic)
    for (FactorCategory cat : new FactorCategory[] {FactorCategory.STATIONARY_FUEL, FactorCategory.MOBILE_FUEL}) {
      EmissionFactor f = Bundled.CATALOG.resolve(cat, "diesel", "GB", Dimension.VOLUME, null).orElseThrow();
      assertThat(f.dataset().id()).isEqualTo("desnz-2024");
      assertThat(f.unit()).contains(Unit.LITRE);
      assertThat(f.co2Kg()).isCloseTo(2.4796, within(1e-12));
      assertThat(f.ch4Kg()).isCloseTo(0.00029 / AR5_CH4, within(1e-15));
      assertThat(f.n2oKg()).isCloseTo(0.0329 / AR5_N2O, within(1e-15));
      assertThat(f.co2eKg()).isEqualTo(2.51279);
      assertThat(f.co2eBasis()).contains(GwpSet.AR5);
      assertThat(f.biogenicCo2Kg()).isCloseTo(0.16, within(1e-12));
      assertThat(f.sourceRef()).isEqualTo("1_101_1011_8_1");
      assertThat(f.published()).contains("2.51279", "2.4796", "0.00029", "0.0329", "litres");
      // AR5 reproduces DESNZ to the digit; AR6 is rebuilt from the masses.
      assertThat(f.co2ePerUnit(Bundled.CATALOG.gwp(GwpSet.AR5))).isEqualTo(2.51279);
      assertThat(f.co2ePerUnit(Bundled.CATALOG.gwp(GwpSet.AR6)))
          .isCloseTo(2.4796 + 0.00029 / 28 * 27.9 + 0.0329 / 265 * 273, within(1e-12));
    }
  }

  @Test
  void mineralDieselHasNoBiogenicAndKwhFactorsKeepTheirBasis() {
    // 1_101_1012_8_1: Diesel (100% mineral diesel), litres 2.66155 total, CO2 2.62818
    EmissionFactor mineral = Bundled.factor("desnz-2024:mobile:diesel_mineral:litre");
    assertThat(mineral.co2Kg()).isCloseTo(2.62818, within(1e-12));
    assertThat(mineral.co2eKg()).isEqualTo(2.66155);
    assertThat(mineral.biogenicCo2Kg()).isZero();
    // 1_101_1011_6_1 Gross CV 0.23902; 1_101_1011_7_1 Net CV 0.25403; the kWh biogenic row is not attached
    EmissionFactor gross = Bundled.factor("desnz-2024:stationary:diesel:kwh_gcv");
    EmissionFactor net = Bundled.factor("desnz-2024:stationary:diesel:kwh_ncv");
    assertThat(gross.unit()).contains(Unit.KWH_GCV);
    assertThat(net.unit()).contains(Unit.KWH_NCV);
    assertThat(gross.co2eKg()).isEqualTo(0.23902);
    assertThat(net.co2eKg()).isEqualTo(0.25403);
    assertThat(gross.biogenicCo2Kg()).isZero();
    assertThat(net.biogenicCo2Kg()).isZero();
    // per tonne: 3014.09462 total, forecourt biogenic 194.5
    EmissionFactor tonne = Bundled.factor("desnz-2024:stationary:diesel:tonne");
    assertThat(tonne.co2eKg()).isEqualTo(3014.09462);
    assertThat(tonne.biogenicCo2Kg()).isCloseTo(194.5, within(1e-9));
  }

  @Test
  void naturalGasUsesCubicMetresAndPetrolAliases() {
    // Natural gas, cubic metres: 2.04542 total, CO2 2.0414, CH4 0.00307, N2O 0.00095
    EmissionFactor gas = Bundled.CATALOG.resolve(FactorCategory.STATIONARY_FUEL, "natural_gas", "GB", Dimension.VOLUME,
        null).orElseThrow();
    assertThat(gas.unit()).contains(Unit.CUBIC_METRE);
    assertThat(gas.co2Kg()).isCloseTo(2.0414, within(1e-12));
    assertThat(gas.ch4Kg()).isCloseTo(0.00307 / AR5_CH4, within(1e-15));
    assertThat(gas.co2eKg()).isEqualTo(2.04542);
    // Petrol (average biofuel blend) litres 2.0844 total; aliases motor_gasoline, gasoline
    for (String s : new String[] {"petrol", "motor_gasoline", "gasoline"}) {
      EmissionFactor p = Bundled.CATALOG.resolve(FactorCategory.MOBILE_FUEL, s, "GB", Dimension.VOLUME, null)
          .orElseThrow();
      assertThat(p.dataset().id()).isEqualTo("desnz-2024");
      assertThat(p.co2eKg()).isEqualTo(2.0844);
      assertThat(p.biogenicCo2Kg()).isCloseTo(0.13, within(1e-12));
    }
    assertThat(Bundled.factor("desnz-2024:stationary:kerosene:litre").co2eKg())
        .isEqualTo(Bundled.factor("desnz-2024:stationary:burning_oil:litre").co2eKg());
  }

  @Test
  void fuelsWithoutALitreValueHaveNoVolumeFactor() {
    // Refinery miscellaneous: DESNZ leaves the litres cells blank
    assertThat(Bundled.CATALOG.candidates(FactorCategory.STATIONARY_FUEL, "refinery_miscellaneous", "GB",
        Dimension.VOLUME)).isEmpty();
    assertThat(Bundled.factor("desnz-2024:stationary:refinery_miscellaneous:tonne").co2eKg()).isEqualTo(2944.32093);
  }

  @Test
  void ukElectricityAndHeat() {
    // UK electricity kWh: 0.20705 total, CO2 0.20493, CH4 0.0009, N2O 0.00122
    EmissionFactor grid = Bundled.CATALOG.resolve(FactorCategory.GRID_ELECTRICITY, "", "GB", Dimension.ENERGY, null)
        .orElseThrow();
    assertThat(grid.id()).isEqualTo("desnz-2024:electricity:GB");
    assertThat(grid.unit()).contains(Unit.KWH);
    assertThat(grid.co2Kg()).isCloseTo(0.20493, within(1e-12));
    assertThat(grid.ch4Kg()).isCloseTo(0.0009 / AR5_CH4, within(1e-15));
    assertThat(grid.n2oKg()).isCloseTo(0.00122 / AR5_N2O, within(1e-15));
    assertThat(grid.co2eKg()).isEqualTo(0.20705);
    // Heat and steam: onsite 0.17965, district 0.17965 (2024)
    assertThat(Bundled.factor("desnz-2024:steam_heat:steam").co2eKg()).isEqualTo(0.17965);
    assertThat(Bundled.factor("desnz-2024:steam_heat:district_heat").co2eKg()).isEqualTo(0.17965);
    assertThat(Bundled.factor("desnz-2024:steam_heat:steam").category()).isEqualTo(FactorCategory.STEAM_HEAT);
  }

  @Test
  void flightsWithAndWithoutRadiativeForcing() {
    // 21_316_3175_11_1 Long-haul Business class Without RF 0.34252; 21_316_3174_11_1 With RF 0.58028
    EmissionFactor plain = Bundled.CATALOG.resolve(FactorCategory.PASSENGER_DISTANCE, "air_long_haul_business", "GB",
        Dimension.PASSENGER_DISTANCE, null).orElseThrow();
    assertThat(plain.co2eKg()).isEqualTo(0.34252);
    assertThat(plain.co2Kg()).isCloseTo(0.33965, within(1e-12));
    assertThat(plain.unit()).contains(Unit.PASSENGER_KM);
    assertThat(plain.scope3Category()).isEqualTo(6);
    assertThat(plain.sourceRef()).isEqualTo("21_316_3175_11_1");
    EmissionFactor rf = Bundled.CATALOG.resolve(FactorCategory.PASSENGER_DISTANCE, "air_long_haul_business:rf", "GB",
        Dimension.PASSENGER_DISTANCE, null).orElseThrow();
    assertThat(rf.co2eKg()).isEqualTo(0.58028);
    // Domestic average 0.16098, international premium economy 0.12716
    assertThat(Bundled.factor("desnz-2024:travel:air_domestic:passenger_km").co2eKg()).isEqualTo(0.16098);
    assertThat(Bundled.factor("desnz-2024:travel:air_international_premium_economy:passenger_km").co2eKg())
        .isEqualTo(0.12716);
    assertThat(Bundled.ofDataset("desnz-2024")).filteredOn(f -> f.subject().startsWith("air_")).hasSize(28);
  }

  @Test
  void landTravel() {
    // Cars (by size), Average car, Unknown, km: 0.16691; Battery Electric Vehicle 0.04745
    EmissionFactor car = Bundled.CATALOG.resolve(FactorCategory.VEHICLE_DISTANCE, "passenger_car", "GB",
        Dimension.VEHICLE_DISTANCE, null).orElseThrow();
    assertThat(car.dataset().id()).isEqualTo("desnz-2024");
    assertThat(car.unit()).contains(Unit.VEHICLE_KM);
    assertThat(car.co2eKg()).isEqualTo(0.16691);
    assertThat(Bundled.factor("desnz-2024:travel:passenger_car_bev:vehicle_km").co2eKg()).isEqualTo(0.04745);
    assertThat(Bundled.factor("desnz-2024:travel:large_car:vehicle_km").co2eKg()).isEqualTo(0.22472);
    assertThat(Bundled.factor("desnz-2024:travel:motorcycle:vehicle_km").co2eKg()).isEqualTo(0.11367);
    // Bus: Average local bus 0.10846, Coach 0.02717; Rail: National rail 0.03546, London Underground 0.0278
    assertThat(Bundled.factor("desnz-2024:travel:bus:passenger_km").co2eKg()).isEqualTo(0.10846);
    assertThat(Bundled.factor("desnz-2024:travel:coach:passenger_km").co2eKg()).isEqualTo(0.02717);
    assertThat(Bundled.factor("desnz-2024:travel:rail:passenger_km").co2eKg()).isEqualTo(0.03546);
    assertThat(Bundled.factor("desnz-2024:travel:subway:passenger_km").co2eKg()).isEqualTo(0.0278);
    assertThat(Bundled.factor("desnz-2024:travel:tram:passenger_km").co2eKg()).isEqualTo(0.0286);
    // Taxis per passenger.km (regular 0.14861) and per km (0.20805) are different dimensions
    assertThat(Bundled.factor("desnz-2024:travel:taxi:passenger_km").co2eKg()).isEqualTo(0.14861);
    assertThat(Bundled.factor("desnz-2024:travel:taxi:vehicle_km").co2eKg()).isEqualTo(0.20805);
    // GB resolution prefers DESNZ; a US row gets EPA
    assertThat(Bundled.CATALOG.resolve(FactorCategory.PASSENGER_DISTANCE, "bus", "US", Dimension.PASSENGER_DISTANCE,
        null).orElseThrow().dataset().id()).isEqualTo("epa-hub-2025");
  }

  @Test
  void bioenergyIsCo2eOnlyWithBiogenicCo2() {
    // Bioenergy Biomass Wood pellets tonnes: 54.33654 kg CO2e; outside of scopes 1677.18 kg CO2
    EmissionFactor pellets = Bundled.factor("desnz-2024:stationary:wood_pellets:tonne");
    assertThat(pellets.gasesPublished()).isFalse();
    assertThat(pellets.co2eKg()).isEqualTo(54.33654);
    assertThat(pellets.co2eBasis()).contains(GwpSet.AR5);
    assertThat(pellets.biogenicCo2Kg()).isCloseTo(1677.18, within(1e-9));
    assertThat(Bundled.CATALOG.factor("desnz-2024:mobile:wood_pellets:tonne")).isEmpty();
    // Biofuel Bioethanol litres 0.00901, biogenic 1.52; stationary and mobile
    assertThat(Bundled.factor("desnz-2024:mobile:bioethanol:litre").co2eKg()).isEqualTo(0.00901);
    assertThat(Bundled.factor("desnz-2024:mobile:bioethanol:litre").biogenicCo2Kg()).isCloseTo(1.52, within(1e-12));
    // "Biodiesel ME (from tallow)" vs "(from Tallow)" in the outside-of-scopes sheet still matches
    assertThat(Bundled.factor("desnz-2024:stationary:biodiesel_me_tallow:litre").biogenicCo2Kg()).isPositive();
  }

  @Test
  void datasetInfo() {
    DatasetInfo d = Bundled.CATALOG.requireDataset("desnz-2024");
    assertThat(d.published()).isEqualTo(LocalDate.of(2024, 7, 8));
    assertThat(d.licence()).isEqualTo("Open Government Licence v3.0");
    assertThat(Bundled.ofDataset("desnz-2024")).allSatisfy(f -> assertThat(f.region()).isEqualTo("GB"));
    assertThat(Bundled.ofDataset("desnz-2024")).filteredOn(f -> f.id().contains(":travel:"))
        .allSatisfy(f -> assertThat(f.scope3Category()).isEqualTo(6));
  }
}
