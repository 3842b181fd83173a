package io.offgridflow.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.offgridflow.CoreErrorCode;

import io.offgridflow.OffGridFlowException;
import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

class UnitTest {

  @Test
  void exactDefinitionsConvertExactly() {
    MathContext mc = MathContext.DECIMAL128;
    assertThat(Unit.US_GALLON.exactFactorTo(Unit.LITRE, mc)).isEqualByComparingTo("3.785411784");
    assertThat(Unit.POUND.exactFactorTo(Unit.KILOGRAM, mc)).isEqualByComparingTo("0.45359237");
    assertThat(Unit.THERM.exactFactorTo(Unit.MMBTU, mc)).isEqualByComparingTo("0.1");
    assertThat(Unit.MILE.exactFactorTo(Unit.KILOMETRE, mc)).isEqualByComparingTo("1.609344");
    assertThat(Unit.PASSENGER_MILE.exactFactorTo(Unit.PASSENGER_KM, mc)).isEqualByComparingTo("1.609344");
    assertThat(Unit.MMBTU.exactFactorTo(Unit.KWH, mc)).isEqualByComparingTo("293.07107");
    // 2000 lb x 0.45359237 kg/lb
    assertThat(Unit.SHORT_TON.exactFactorTo(Unit.KILOGRAM, mc)).isEqualByComparingTo("907.18474");
    // (0.3048 m)^3 = 0.028316846592 m3
    assertThat(Unit.SCF.exactFactorTo(Unit.CUBIC_METRE, mc)).isEqualByComparingTo("0.028316846592");
    assertThat(Unit.MWH.exactFactorTo(Unit.KWH, mc)).isEqualByComparingTo("1000");
  }

  @Test
  void exactConversionOfAQuantityKeepsEveryDigit() {
    // 1234.5 gal x 3.785411784 L/gal = 4673.09084734800 L exactly
    BigDecimal litres = Quantity.of(1234.5, Unit.US_GALLON).toExact(Unit.LITRE, MathContext.DECIMAL128);
    assertThat(litres).isEqualByComparingTo(new BigDecimal("1234.5").multiply(new BigDecimal("3.785411784")));
  }

  @Test
  void doubleConversionMatchesTheDefinition() {
    assertThat(Quantity.of(120, Unit.THERM).to(Unit.MMBTU).value()).isCloseTo(12.0, within(1e-12));
    assertThat(Quantity.of(1, Unit.MMBTU).valueIn(Unit.KWH)).isEqualTo(293.07107);
    assertThat(Quantity.of(2500, Unit.KWH).valueIn(Unit.MWH)).isEqualTo(2.5);
    assertThat(Quantity.of(1, Unit.GJ).valueIn(Unit.KWH)).isCloseTo(1e9 / 3.6e6, within(1e-12));
  }

  @Test
  void dimensionMismatchNamesBothUnits() {
    assertThatThrownBy(() -> Quantity.of(1, Unit.KWH).to(Unit.LITRE))
        .isInstanceOf(UnitMismatchException.class)
        .hasMessageContaining("kWh")
        .hasMessageContaining("L")
        .hasMessageContaining("energy")
        .hasMessageContaining("volume")
        .extracting(e -> ((OffGridFlowException) e).code())
        .isEqualTo(CoreErrorCode.DIMENSION_MISMATCH);
  }

  @Test
  void netCalorificEnergyDoesNotSilentlyBecomeGross() {
    assertThatThrownBy(() -> Quantity.of(1, Unit.KWH_NCV).to(Unit.KWH_GCV))
        .isInstanceOf(UnitMismatchException.class)
        .hasMessageContaining("kWh_ncv");
  }

  @Test
  void vehicleAndPassengerDistanceAreNotPlainDistance() {
    assertThatThrownBy(() -> Quantity.of(1, Unit.PASSENGER_MILE).to(Unit.KILOMETRE))
        .isInstanceOf(UnitMismatchException.class);
    assertThatThrownBy(() -> Quantity.of(1, Unit.GB_MONTH).to(Unit.GB_HOUR))
        .isInstanceOf(UnitMismatchException.class);
  }

  @Test
  void parsesSymbolsAndAliasesIgnoringCase() {
    assertThat(Unit.parse("kWh")).isEqualTo(Unit.KWH);
    assertThat(Unit.parse("MMBTU")).isEqualTo(Unit.MMBTU);
    assertThat(Unit.parse("gal")).isEqualTo(Unit.US_GALLON);
    assertThat(Unit.parse("litres")).isEqualTo(Unit.LITRE);
    assertThat(Unit.parse("passenger.km")).isEqualTo(Unit.PASSENGER_KM);
    assertThat(Unit.parse("vehicle-mile")).isEqualTo(Unit.VEHICLE_MILE);
    assertThat(Unit.parse("kWh_gcv")).isEqualTo(Unit.KWH_GCV);
    assertThat(Unit.parse("short_ton")).isEqualTo(Unit.SHORT_TON);
    assertThat(Unit.parse("vCPU-hour")).isEqualTo(Unit.VCPU_HOUR);
    for (Unit u : Unit.values()) {
      assertThat(Unit.parse(u.symbol())).isEqualTo(u);
    }
  }

  @Test
  void unknownUnitNamesTheValue() {
    assertThatThrownBy(() -> Unit.parse("kwhh"))
        .isInstanceOf(OffGridFlowException.class)
        .hasMessageContaining("'kwhh'")
        .extracting(e -> ((OffGridFlowException) e).code())
        .isEqualTo(CoreErrorCode.UNKNOWN_UNIT);
  }

  @Test
  void quantitiesRejectNonFiniteValues() {
    assertThatThrownBy(() -> Quantity.of(Double.NaN, Unit.KWH)).isInstanceOf(OffGridFlowException.class);
    assertThatThrownBy(() -> Quantity.of(Double.POSITIVE_INFINITY, Unit.KWH)).isInstanceOf(OffGridFlowException.class);
  }

  @Test
  void moneyParsesIsoCurrencies() {
    Money m = Money.of(12.5, "usd", 2024);
    assertThat(m.currency().getCurrencyCode()).isEqualTo("USD");
    assertThat(Money.isCurrency("EUR")).isTrue();
    assertThat(Money.isCurrency("kWh")).isFalse();
    assertThatThrownBy(() -> Money.currency("XYZ1")).hasMessageContaining("XYZ1");
  }
}
