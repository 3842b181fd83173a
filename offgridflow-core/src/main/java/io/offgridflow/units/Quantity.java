package io.offgridflow.units;

import io.offgridflow.CoreErrorCode;

import io.offgridflow.OffGridFlowException;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * An amount with its unit. Values are finite doubles; {@link #toExact(Unit, MathContext)} gives a
 * decimal conversion for auditors who need every digit.
 *
 * <pre>{@code
 * Quantity gas = Quantity.of(120, Unit.THERM);
 * Quantity mmbtu = gas.to(Unit.MMBTU);          // 12 MMBtu
 * }</pre>
 */
public record Quantity(double value, Unit unit) {

  public Quantity {
    if (!Double.isFinite(value)) {
      throw new OffGridFlowException(
          CoreErrorCode.INVALID_ACTIVITY, "quantity must be a finite number, got " + value);
    }
    if (unit == null) {
      throw new OffGridFlowException(CoreErrorCode.INVALID_ACTIVITY, "quantity needs a unit");
    }
  }

  public static Quantity of(double value, Unit unit) {
    return new Quantity(value, unit);
  }

  public Dimension dimension() {
    return unit.dimension();
  }

  /**
   * This quantity in {@code target} units.
   *
   * @throws UnitMismatchException when the dimensions differ, naming both units
   */
  public Quantity to(Unit target) {
    if (target == unit) {
      return this;
    }
    return new Quantity(value * unit.factorTo(target), target);
  }

  /** The value in {@code target} units, without allocating a quantity. */
  public double valueIn(Unit target) {
    return target == unit ? value : value * unit.factorTo(target);
  }

  /**
   * The value in {@code target} units as a decimal: the double's exact value times the exact
   * ratio of the unit definitions, rounded only if that ratio does not terminate.
   */
  public BigDecimal toExact(Unit target, MathContext mc) {
    return new BigDecimal(value).multiply(unit.exactFactorTo(target, mc), mc);
  }

  /** Sum in this quantity's unit. */
  public Quantity plus(Quantity other) {
    return new Quantity(value + other.valueIn(unit), unit);
  }

  public Quantity times(double factor) {
    return new Quantity(value * factor, unit);
  }

  public boolean isNegative() {
    return value < 0;
  }

  @Override
  public String toString() {
    return value + " " + unit.symbol();
  }
}
