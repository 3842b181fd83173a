package io.offgridflow.factors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.offgridflow.units.Dimension;
import io.offgridflow.units.Unit;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class EpaHubFactorsTest {

  @Test
  void naturalGasPerMmbtuAndPerScf() {
    // Table 1 row C38: Natural Gas, 53.06 kg CO2, 1 g CH4, 0.1 g N2O per mmBtu; 0.05444, 0.00103, 0.0001 per scf
    EmissionFactor mmbtu = Bundled.factor("epa-hub-2025:stationary:natural_gas:mmbtu");
    assertThat(mmbtu.category()).isEqualTo(FactorCategory.STATIONARY_FUEL);
    assertThat(mmbtu.region()).isEqualTo("US");
    assertThat(mmbtu.unit()).contains(Unit.MMBTU);
    assertThat(mmbtu.co2Kg()).isCloseTo(53.06, within(1e-12));
    assertThat(mmbtu.ch4Kg()).isCloseTo(1 / 1000.0, within(1e-15));
    assertThat(mmbtu.n2oKg()).isCloseTo(0.1 / 1000.0, within(1e-15));
    assertThat(mmbtu.biogenicCo2Kg()).isZero();
    assertThat(mmbtu.published()).isEqualTo("53.06 kg CO2/mmBtu; 1 g CH4/mmBtu; 0.1 g N2O/mmBtu (EPA Hub 2025 Table 1)");
    assertThat(mmbtu.sourceRef()).isEqualTo("Table 1 C38");

    EmissionFactor scf = Bundled.factor("epa-hub-2025:stationary:natural_gas:scf");
    assertThat(scf.unit()).contains(Unit.SCF);
    assertThat(scf.co2Kg()).isCloseTo(0.05444, within(1e-15));
    assertThat(scf.ch4Kg()).isCloseTo(0.00103 / 1000.0, within(1e-18));
    assertThat(scf.n2oKg()).isCloseTo(0.0001 / 1000.0, within(1e-18));
  }

  @Test
  void dieselAliasCarriesDistillateNo2Values() {
    // Table 1 row C55: Distillate Fuel Oil No. 2, 73.96 kg CO2/mmBtu, 10.21 kg CO2/gallon, 0.41 g CH4, 0.08 g N2O
    for (String subject : new String[] {"distillate_fuel_oil_no_2", "diesel", "fuel_oil_2"}) {
      EmissionFactor gal = Bundled.CATALOG.resolve(FactorCategory.STATIONARY_FUEL, subject, "US", Dimension.VOLUME,
          "epa-hub-2025").orElseThrow();
      assertThat(gal.id()).isEqualTo("epa-hub-2025:stationary:" + subject + ":us_gallon");
      assertThat(gal.unit()).contains(Unit.US_GALLON);
      assertThat(gal.co2Kg()).isCloseTo(10.21, within(1e-12));
      assertThat(gal.ch4Kg()).isCloseTo(0.41 / 1000, within(1e-15));
      assertThat(gal.n2oKg()).isCloseTo(0.08 / 1000, within(1e-15));
      EmissionFactor mmbtu = Bundled.factor("epa-hub-2025:stationary:" + subject + ":mmbtu");
      assertThat(mmbtu.co2Kg()).isCloseTo(73.96, within(1e-12));
    }
  }

  @Test
  void propaneAndPropaneGasAreDifferentRows() {
    // C72 Propane 5.72 kg CO2/gallon; C43 Propane Gas 0.15463 kg CO2/scf
    assertThat(Bundled.factor("epa-hub-2025:stationary:propane:us_gallon").co2Kg()).isCloseTo(5.72, within(1e-12));
    assertThat(Bundled.factor("epa-hub-2025:stationary:propane_gas:scf").co2Kg()).isCloseTo(0.15463, within(1e-12));
    assertThat(Bundled.factor("epa-hub-2025:stationary:lpg:us_gallon").co2Kg()).isCloseTo(5.68, within(1e-12));
  }

  @Test
  void biomassCo2IsBiogenic() {
    // C35 Wood and Wood Residuals: 93.8 kg CO2, 7.2 g CH4, 3.6 g N2O per mmBtu; 1640 kg CO2 per short ton
    EmissionFactor wood = Bundled.factor("epa-hub-2025:stationary:wood_and_wood_residuals:mmbtu");
    assertThat(wood.co2Kg()).isZero();
    assertThat(wood.biogenicCo2Kg()).isCloseTo(93.8, within(1e-12));
    assertThat(wood.ch4Kg()).isCloseTo(7.2 / 1000, within(1e-15));
    assertThat(wood.n2oKg()).isCloseTo(3.6 / 1000, within(1e-15));
    assertThat(wood.published()).contains("93.8 kg biogenic CO2/mmBtu");
    EmissionFactor ton = Bundled.factor("epa-hub-2025:stationary:wood_and_wood_residuals:short_ton");
    assertThat(ton.unit()).contains(Unit.SHORT_TON);
    assertThat(ton.biogenicCo2Kg()).isCloseTo(1640, within(1e-9));
    // C80 Biodiesel (100%) 9.45 kg CO2/gallon, alias biodiesel
    assertThat(Bundled.factor("epa-hub-2025:stationary:biodiesel:us_gallon").biogenicCo2Kg()).isCloseTo(9.45, within(1e-12));
    // the fossil rows are untouched: C17 Anthracite 103.69
    assertThat(Bundled.factor("epa-hub-2025:stationary:anthracite:mmbtu").co2Kg()).isCloseTo(103.69, within(1e-12));
  }

  @Test
  void kraftLiquorsHaveOnlyTheMmbtuFactor() {
    // C85 North American Softwood: 94.4 kg CO2/mmBtu, no physical unit
    EmissionFactor f = Bundled.factor("epa-hub-2025:stationary:kraft_liquor_north_american_softwood:mmbtu");
    assertThat(f.biogenicCo2Kg()).isCloseTo(94.4, within(1e-12));
    assertThat(Bundled.CATALOG.candidates(FactorCategory.STATIONARY_FUEL, "kraft_liquor_north_american_softwood", "US",
        Dimension.VOLUME)).isEmpty();
    assertThat(Bundled.CATALOG.candidates(FactorCategory.STATIONARY_FUEL, "kraft_liquor_north_american_softwood", "US",
        Dimension.MASS)).isEmpty();
  }

  @Test
  void table2MobileIsCo2Only() {
    // Table 2 C107 Diesel Fuel 10.21 kg CO2/gallon; C106 CNG 0.05444 kg/scf; C105 Biodiesel (100%) 9.45 biogenic
    EmissionFactor diesel = Bundled.factor("epa-hub-2025:mobile:diesel:us_gallon");
    assertThat(diesel.category()).isEqualTo(FactorCategory.MOBILE_FUEL);
    assertThat(diesel.co2Kg()).isCloseTo(10.21, within(1e-12));
    assertThat(diesel.ch4Kg()).isZero();
    assertThat(diesel.n2oKg()).isZero();
    assertThat(diesel.published()).contains("kg CO2/gallon; Table 2 gives CO2 only");
    assertThat(Bundled.factor("epa-hub-2025:mobile:cng:scf").co2Kg()).isCloseTo(0.05444, within(1e-15));
    EmissionFactor bio = Bundled.factor("epa-hub-2025:mobile:biodiesel:us_gallon");
    assertThat(bio.co2Kg()).isZero();
    assertThat(bio.biogenicCo2Kg()).isCloseTo(9.45, within(1e-12));
    assertThat(Bundled.factor("epa-hub-2025:mobile:ethanol:us_gallon").biogenicCo2Kg()).isCloseTo(5.75, within(1e-12));
    assertThat(Bundled.factor("epa-hub-2025:mobile:gasoline:us_gallon").co2Kg())
        .isEqualTo(Bundled.factor("epa-hub-2025:mobile:motor_gasoline:us_gallon").co2Kg())
        .isCloseTo(8.78, within(1e-12));
    assertThat(Bundled.factor("epa-hub-2025:mobile:jet_fuel:us_gallon").co2Kg()).isCloseTo(9.75, within(1e-12));
  }

  @Test
  void table7SteamIsNaturalGasOverEightyPercentBoiler() {
    EmissionFactor steam = Bundled.factor("epa-hub-2025:steam_heat:steam:mmbtu");
    assertThat(steam.category()).isEqualTo(FactorCategory.STEAM_HEAT);
    assertThat(steam.co2Kg()).isCloseTo(66.33, within(1e-12));
    assertThat(steam.ch4Kg()).isCloseTo(1.250 / 1000, within(1e-15));
    assertThat(steam.n2oKg()).isCloseTo(0.125 / 1000, within(1e-15));
    // The transcription is cross-checked against Table 1 natural gas / 0.8 (EPA's boiler efficiency).
    EmissionFactor gas = Bundled.factor("epa-hub-2025:stationary:natural_gas:mmbtu");
    assertThat(steam.co2Kg()).isCloseTo(gas.co2Kg() / 0.8, within(0.01));
    assertThat(steam.ch4Kg()).isCloseTo(gas.ch4Kg() / 0.8, within(1e-12));
    assertThat(steam.n2oKg()).isCloseTo(gas.n2oKg() / 0.8, within(1e-12));
    assertThat(Bundled.factor("epa-hub-2025:steam_heat:heat:mmbtu").co2Kg()).isEqualTo(steam.co2Kg());
  }

  @Test
  void table10BusinessTravel() {
    // C504 Passenger Car A: 0.297 kg CO2, 0.0059 g CH4, 0.0053 g N2O per vehicle-mile
    EmissionFactor car = Bundled.factor("epa-hub-2025:travel:passenger_car");
    assertThat(car.category()).isEqualTo(FactorCategory.VEHICLE_DISTANCE);
    assertThat(car.unit()).contains(Unit.VEHICLE_MILE);
    assertThat(car.co2Kg()).isCloseTo(0.297, within(1e-12));
    assertThat(car.ch4Kg()).isCloseTo(0.0059 / 1000, within(1e-15));
    assertThat(car.n2oKg()).isCloseTo(0.0053 / 1000, within(1e-15));
    assertThat(car.scope3Category()).isEqualTo(6);
    assertThat(car.name()).startsWith("Passenger Car,");
    // C515 Air Travel - Long Haul: 0.163 kg CO2, 0.0006 g CH4, 0.0052 g N2O per passenger-mile
    EmissionFactor air = Bundled.factor("epa-hub-2025:travel:air_long_haul");
    assertThat(air.category()).isEqualTo(FactorCategory.PASSENGER_DISTANCE);
    assertThat(air.unit()).contains(Unit.PASSENGER_MILE);
    assertThat(air.co2Kg()).isCloseTo(0.163, within(1e-12));
    assertThat(air.n2oKg()).isCloseTo(0.0052 / 1000, within(1e-15));
    // C509 national average intercity rail 0.096, alias rail; C511 transit rail 0.093, aliases subway and tram
    assertThat(Bundled.factor("epa-hub-2025:travel:rail").co2Kg()).isCloseTo(0.096, within(1e-12));
    assertThat(Bundled.factor("epa-hub-2025:travel:subway").co2Kg()).isCloseTo(0.093, within(1e-12));
    assertThat(Bundled.factor("epa-hub-2025:travel:tram").co2Kg()).isCloseTo(0.093, within(1e-12));
    assertThat(Bundled.ofDataset("epa-hub-2025")).filteredOn(f -> f.id().contains(":travel:"))
        .allSatisfy(f -> assertThat(f.scope3Category()).isEqualTo(6));
  }

  @Test
  void datasetInfo() {
    DatasetInfo d = Bundled.CATALOG.requireDataset("epa-hub-2025");
    assertThat(d.published()).isEqualTo(LocalDate.of(2025, 1, 1));
    assertThat(d.tier()).isEqualTo(DatasetInfo.Tier.PRIMARY);
    assertThat(Bundled.ofDataset("epa-hub-2025")).allSatisfy(f -> assertThat(f.region()).isEqualTo("US"));
  }
}
