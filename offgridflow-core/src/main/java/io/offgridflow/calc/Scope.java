package io.offgridflow.calc;

/** GHG Protocol scopes. */
public enum Scope {
  SCOPE_1(1),
  SCOPE_2(2),
  SCOPE_3(3);

  private final int number;

  Scope(int number) {
    this.number = number;
  }

  public int number() {
    return number;
  }
}
