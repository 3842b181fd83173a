package io.offgridflow.cli;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.calc.Activity;
import io.offgridflow.calc.ActivityException;
import io.offgridflow.calc.ActivityKind;
import io.offgridflow.calc.MarketInstruments;
import io.offgridflow.factors.GwpSet;
import io.offgridflow.units.Money;
import io.offgridflow.units.Quantity;
import io.offgridflow.units.Unit;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@link RawRow} into an {@link Activity}, or into a {@link RowError} naming the line,
 * column and value at fault. Lookups of repeated values (units, activity kinds, GWP sets) are
 * memoised, errors included, so a million rows cost a million map hits, not a million parses.
 * One instance per thread.
 */
final class RowMapper {
  private final int headerFields;
  private final Map<String, Object> units = new HashMap<>();
  private final Map<String, Object> kinds = new HashMap<>();
  private final Map<String, Object> gwps = new HashMap<>();

  RowMapper(int headerFields) {
    this.headerFields = headerFields;
  }

  /** Thrown inside {@link #map} to leave with a row error; cheap (no stack trace). */
  private static final class Fault extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String column;
    final String value;

    Fault(String column, String value, String reason) {
      super(reason, null, false, false);
      this.column = column;
      this.value = value;
    }
  }

  /** Returns an {@link Activity} or a {@link RowError}. */
  Object map(RawRow row) {
    String id = row.get(Column.ID);
    try {
      if (row.fieldCount != headerFields) {
        return new RowError(row.line, id == null ? "" : id, "", "",
            "the row has " + row.fieldCount + " field" + (row.fieldCount == 1 ? "" : "s")
                + " but the header has " + headerFields);
      }
      if (id == null) {
        throw new Fault(Column.ID.header(), "", "every row needs an id");
      }
      return build(row, id);
    } catch (Fault f) {
      return new RowError(row.line, id == null ? "" : id, f.column, f.value, f.getMessage());
    } catch (ActivityException e) {
      return new RowError(row.line, id, e.field(), e.value(), e.reason());
    } catch (OffGridFlowException e) {
      return new RowError(row.line, id == null ? "" : id, "", "", e.getMessage());
    }
  }

  private Activity build(RawRow row, String id) {
    ActivityKind kind = kind(require(row, Column.ACTIVITY));
    String quantityText = require(row, Column.QUANTITY);
    String unitText = require(row, Column.UNIT);
    Object unit = unit(unitText);
    int year = optionalInt(row, Column.YEAR, 0);

    Activity.Builder b = Activity.builder(id, kind);
    if (unit instanceof Unit u) {
      if (kind == ActivityKind.SPEND) {
        throw new Fault(Column.UNIT.header(), unitText, "spend takes an ISO 4217 currency code as its unit, e.g. USD");
      }
      b.quantity(Quantity.of(number(Column.QUANTITY, quantityText), u));
    } else {
      b.money(money(kind, (Currency) unit, unitText, quantityText, year));
    }
    if (year != 0) {
      b.year(year);
    }
    b.region(row.get(Column.REGION));
    b.dataset(row.get(Column.DATASET));
    b.fuel(row.get(Column.FUEL));
    b.mode(row.get(Column.MODE));
    b.gas(row.get(Column.GAS));
    b.naics(row.get(Column.NAICS));
    String rf = row.get(Column.RF);
    if (rf != null) {
      b.radiativeForcing(bool(Column.RF, rf));
    }
    String site = row.get(Column.SITE);
    if (site != null) {
      b.site(site);
    }
    String orgUnit = row.get(Column.ORG_UNIT);
    if (orgUnit != null) {
      b.orgUnit(orgUnit);
    }
    String period = row.get(Column.PERIOD);
    if (period != null) {
      b.period(period);
    }
    int category = optionalInt(row, Column.SCOPE3_CATEGORY, 0);
    if (category != 0) {
      b.scope3Category(category);
    }
    String gwp = row.get(Column.GWP);
    if (gwp != null) {
      b.gwp(gwp(gwp));
    }
    if (row.get(Column.CERTIFICATES_KWH) != null || row.get(Column.SUPPLIER_KG_PER_KWH) != null
        || row.get(Column.RESIDUAL_MIX_KG_PER_KWH) != null) {
      b.market(market(row, kind));
    }
    return b.build();
  }

  private static Money money(ActivityKind kind, Currency currency, String unitText, String quantityText, int year) {
    if (kind != ActivityKind.SPEND) {
      throw new Fault(Column.UNIT.header(), unitText,
          "a currency is the unit of spend rows only; " + kind.code() + " takes a physical unit such as kWh");
    }
    if (year == 0) {
      throw new Fault(Column.YEAR.header(), "",
          "spend needs the year the money was spent, for deflation to the factor's price year");
    }
    if (year < 1900 || year > 2200) {
      throw new Fault(Column.YEAR.header(), Integer.toString(year), "the year money was spent must be in 1900..2200");
    }
    BigDecimal amount;
    try {
      amount = Numbers.parseDecimal(quantityText);
    } catch (NumberFormatException e) {
      throw new Fault(Column.QUANTITY.header(), quantityText, "not a number");
    }
    return Money.of(amount, currency, year);
  }

  private static MarketInstruments market(RawRow row, ActivityKind kind) {
    String certs = row.get(Column.CERTIFICATES_KWH);
    String supplier = row.get(Column.SUPPLIER_KG_PER_KWH);
    String residual = row.get(Column.RESIDUAL_MIX_KG_PER_KWH);
    if (kind != ActivityKind.ELECTRICITY) {
      Column c = certs != null ? Column.CERTIFICATES_KWH
          : supplier != null ? Column.SUPPLIER_KG_PER_KWH : Column.RESIDUAL_MIX_KG_PER_KWH;
      throw new Fault(c.header(), row.get(c), "market-based instruments apply to electricity rows only, not " + kind.code());
    }
    MarketInstruments.Builder m = MarketInstruments.builder();
    if (certs != null) {
      m.certificatesKwh(nonNegative(Column.CERTIFICATES_KWH, certs));
    }
    if (supplier != null) {
      m.supplierKgPerKwh(nonNegative(Column.SUPPLIER_KG_PER_KWH, supplier));
    }
    if (residual != null) {
      m.residualMixKgPerKwh(nonNegative(Column.RESIDUAL_MIX_KG_PER_KWH, residual));
    }
    return m.build();
  }

  /** Memoises lookups of repeated cell values; stops adding past a bound so memory stays flat. */
  private static Object memo(Map<String, Object> memo, String key, java.util.function.Function<String, Object> f) {
    Object v = memo.get(key);
    if (v == null) {
      v = f.apply(key);
      if (memo.size() < 4096) {
        memo.put(key, v);
      }
    }
    return v;
  }

  private static String require(RawRow row, Column c) {
    String v = row.get(c);
    if (v == null) {
      throw new Fault(c.header(), "", "required; the cell is empty");
    }
    return v;
  }

  private static double number(Column c, String text) {
    try {
      return Numbers.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new Fault(c.header(), text, "not a number (use a plain decimal such as 2500 or 12.75)");
    }
  }

  private static double nonNegative(Column c, String text) {
    double v = number(c, text);
    if (v < 0) {
      throw new Fault(c.header(), text, "must not be negative");
    }
    return v;
  }

  private static int optionalInt(RawRow row, Column c, int absent) {
    String v = row.get(c);
    if (v == null) {
      return absent;
    }
    try {
      return Numbers.parseInt(v);
    } catch (NumberFormatException e) {
      throw new Fault(c.header(), v, "not a whole number");
    }
  }

  private static boolean bool(Column c, String text) {
    switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1":
        return true;
      case "false", "no", "0":
        return false;
      default:
        throw new Fault(c.header(), text, "use true or false");
    }
  }

  private ActivityKind kind(String text) {
    Object k = memo(kinds, text, t -> {
      try {
        return ActivityKind.parse(t);
      } catch (OffGridFlowException e) {
        return new Fault(Column.ACTIVITY.header(), t, e.getMessage());
      }
    });
    if (k instanceof Fault f) {
      throw f;
    }
    return (ActivityKind) k;
  }

  /** A {@link Unit}, or a {@link Currency} for spend. */
  private Object unit(String text) {
    Object u = memo(units, text, t -> {
      var found = Unit.find(t);
      if (found.isPresent()) {
        return found.get();
      }
      if (Money.isCurrency(t)) {
        return Money.currency(t);
      }
      try {
        return Unit.parse(t); // throws with the list of known units
      } catch (OffGridFlowException e) {
        return new Fault(Column.UNIT.header(), t, e.getMessage() + ", or an ISO 4217 currency code for spend");
      }
    });
    if (u instanceof Fault f) {
      throw f;
    }
    return u;
  }

  private GwpSet gwp(String text) {
    Object g = memo(gwps, text, t -> {
      try {
        return GwpSet.parse(t);
      } catch (OffGridFlowException e) {
        return new Fault(Column.GWP.header(), t, e.getMessage());
      }
    });
    if (g instanceof Fault f) {
      throw f;
    }
    return (GwpSet) g;
  }
}
