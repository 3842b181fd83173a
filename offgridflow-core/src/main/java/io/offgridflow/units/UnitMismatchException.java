package io.offgridflow.units;

import io.offgridflow.CoreErrorCode;

import io.offgridflow.OffGridFlowException;

/** Thrown when units of different dimensions meet; the message names both units. */
public final class UnitMismatchException extends OffGridFlowException {
  private static final long serialVersionUID = 1L;

  private final Unit from;
  private final Unit to;

  public UnitMismatchException(Unit from, Unit to) {
    super(
        CoreErrorCode.DIMENSION_MISMATCH,
        "cannot convert "
            + from.symbol()
            + " ("
            + from.dimension().description()
            + ") to "
            + to.symbol()
            + " ("
            + to.dimension().description()
            + ")");
    this.from = from;
    this.to = to;
  }

  public Unit from() {
    return from;
  }

  public Unit to() {
    return to;
  }
}
