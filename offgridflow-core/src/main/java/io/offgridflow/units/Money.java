package io.offgridflow.units;

import io.offgridflow.CoreErrorCode;

import io.offgridflow.OffGridFlowException;
import java.math.BigDecimal;
import java.util.Currency;

/**
 * An amount of money in an ISO 4217 currency, in prices of a given year. The price year matters
 * for spend-based factors, which are per currency unit of one year's prices: spend from other
 * years is deflated or inflated to the factor's year before it is multiplied.
 *
 * <pre>{@code
 * Money spend = Money.of(new BigDecimal("12500.00"), Currency.getInstance("USD"), 2024);
 * }</pre>
 */
public record Money(BigDecimal amount, Currency currency, int priceYear) {

  public Money {
    if (amount == null || currency == null) {
      throw new OffGridFlowException(CoreErrorCode.INVALID_ACTIVITY, "money needs an amount and a currency");
    }
    if (priceYear < 1900 || priceYear > 2200) {
      throw new OffGridFlowException(
          CoreErrorCode.INVALID_ACTIVITY, "price year " + priceYear + " is outside 1900..2200");
    }
  }

  public static Money of(BigDecimal amount, Currency currency, int priceYear) {
    return new Money(amount, currency, priceYear);
  }

  public static Money of(double amount, String currencyCode, int priceYear) {
    return new Money(BigDecimal.valueOf(amount), currency(currencyCode), priceYear);
  }

  /** Parses an ISO 4217 code, with an error naming the value when it is not one. */
  public static Currency currency(String code) {
    try {
      return Currency.getInstance(code.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new OffGridFlowException(
          CoreErrorCode.UNKNOWN_UNIT, "'" + code + "' is not an ISO 4217 currency code", e);
    }
  }

  /** Whether {@code code} names an ISO 4217 currency. */
  public static boolean isCurrency(String code) {
    String c = code.trim().toUpperCase(java.util.Locale.ROOT);
    if (c.length() != 3) {
      return false;
    }
    try {
      Currency.getInstance(c);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency.getCurrencyCode() + " (" + priceYear + " prices)";
  }
}
