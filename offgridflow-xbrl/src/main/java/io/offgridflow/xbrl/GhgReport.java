package io.offgridflow.xbrl;

import io.offgridflow.calc.EmissionResult;
import io.offgridflow.calc.Method;
import io.offgridflow.factors.DatasetInfo;
import io.offgridflow.factors.GwpSet;
import io.offgridflow.inventory.Inventory;
import io.offgridflow.inventory.InventoryAccumulator;
import io.offgridflow.inventory.Totals;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Currency;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Everything a GHG report states: who reports, for which period, the inventory of the emission
 * results, where their factors come from, and optional net revenue for the intensities. Built from
 * the results themselves, because the methodology disclosure and the monthly chart need more than
 * the inventory's totals (editions, GWP sets, methods, activity periods). Immutable.
 *
 * <pre>{@code
 * GhgReport report = GhgReport.builder()
 *     .entity(EntityIdentifier.lei("5299000J2N45DDNE4Y28"))
 *     .entityName("Acme Rail SE")
 *     .period(ReportingPeriod.year(2024))
 *     .netRevenue(new BigDecimal("1000000"), "EUR")
 *     .results(results)
 *     .datasets(catalog.datasets())   // optional: names, publishers, licences
 *     .build();
 * }</pre>
 */
public final class GhgReport {
  private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

  private final EntityIdentifier entity;
  private final @Nullable String entityName;
  private final ReportingPeriod period;
  private final @Nullable Currency currency;
  private final @Nullable BigDecimal netRevenue;
  private final Inventory inventory;
  private final List<DatasetUse> datasets;
  private final Set<GwpSet> gwpSets;
  private final Map<Method, Long> methods;
  private final long publisherGwpResults;
  private final SortedMap<YearMonth, Totals> byMonth;
  private final @Nullable Totals notByMonth;

  private GhgReport(Builder b, Inventory inventory, List<DatasetUse> datasets, SortedMap<YearMonth, Totals> byMonth,
      @Nullable Totals notByMonth) {
    this.entity = b.entity;
    this.entityName = b.entityName;
    this.period = b.period;
    this.currency = b.currency;
    this.netRevenue = b.netRevenue;
    this.inventory = inventory;
    this.datasets = List.copyOf(datasets);
    this.gwpSets = Collections.unmodifiableSet(EnumSet.copyOf(b.gwpSets));
    this.methods = Collections.unmodifiableMap(new EnumMap<>(b.methods));
    this.publisherGwpResults = b.notRestated;
    this.byMonth = Collections.unmodifiableSortedMap(byMonth);
    this.notByMonth = notByMonth;
  }

  public static Builder builder() {
    return new Builder();
  }

  public EntityIdentifier entity() {
    return entity;
  }

  /** The undertaking's name as given by the host (user text: documents escape it). */
  public Optional<String> entityName() {
    return Optional.ofNullable(entityName);
  }

  public ReportingPeriod period() {
    return period;
  }

  /** Currency of the net revenue; present exactly when {@link #netRevenue()} is. */
  public Optional<Currency> currency() {
    return Optional.ofNullable(currency);
  }

  /** Net revenue for the intensity disclosures, in {@link #currency()}. */
  public Optional<BigDecimal> netRevenue() {
    return Optional.ofNullable(netRevenue);
  }

  public Inventory inventory() {
    return inventory;
  }

  /** The factor datasets used, in first-use order. */
  public List<DatasetUse> datasets() {
    return datasets;
  }

  /** The GWP sets the results' factors were evaluated under. */
  public Set<GwpSet> gwpSets() {
    return gwpSets;
  }

  /** How many results each calculation method produced. */
  public Map<Method, Long> methods() {
    return methods;
  }

  /**
   * Results whose factor is published as CO2e under the publisher's own GWP set, which cannot be
   * restated to the requested one (see {@code Provenance.gwpApplied}).
   */
  public long resultsWithPublisherGwp() {
    return publisherGwpResults;
  }

  /** Totals per calendar month, for results whose period label is a month ({@code 2024-03}). */
  public SortedMap<YearMonth, Totals> byMonth() {
    return byMonth;
  }

  /** Totals of the results whose period is not a single month (e.g. a yearly figure). */
  public Optional<Totals> notByMonth() {
    return Optional.ofNullable(notByMonth);
  }

  /** Builder for {@link GhgReport}; {@link #build()} checks the input. */
  public static final class Builder {
    private @Nullable EntityIdentifier entity;
    private @Nullable String entityName;
    private @Nullable ReportingPeriod period;
    private @Nullable Currency currency;
    private @Nullable BigDecimal netRevenue;
    private final InventoryAccumulator all = Inventory.accumulator();
    private final Map<String, DatasetUseCounter> datasetUses = new LinkedHashMap<>();
    private final Map<YearMonth, InventoryAccumulator> months = new TreeMap<>();
    private @Nullable InventoryAccumulator noMonth;
    private final EnumSet<GwpSet> gwpSets = EnumSet.noneOf(GwpSet.class);
    private final EnumMap<Method, Long> methods = new EnumMap<>(Method.class);
    private Map<String, DatasetInfo> datasetInfo = Map.of();
    private long notRestated;
    /** An example activity per month and per year seen, to name one in an out-of-period error. */
    private final Map<YearMonth, String> firstIdByMonth = new TreeMap<>();
    private final Map<Integer, String> firstIdByYear = new TreeMap<>();

    private Builder() {}

    public Builder entity(EntityIdentifier entity) {
      this.entity = entity;
      return this;
    }

    /** The undertaking's name, shown in the Inline XBRL and PDF documents. */
    public Builder entityName(@Nullable String name) {
      this.entityName = name == null || name.isBlank() ? null : name.strip();
      return this;
    }

    public Builder period(ReportingPeriod period) {
      this.period = period;
      return this;
    }

    /**
     * Net revenue for the intensity disclosures.
     *
     * @param currencyCode ISO 4217 code, e.g. {@code EUR}
     */
    public Builder netRevenue(BigDecimal amount, String currencyCode) {
      try {
        this.currency = Currency.getInstance(currencyCode.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new XbrlException(XbrlErrorCode.INVALID_REPORT,
            "currency '" + currencyCode + "' is not an ISO 4217 code such as EUR or USD", e);
      }
      if (amount.signum() <= 0) {
        throw new XbrlException(XbrlErrorCode.INVALID_REPORT,
            "net revenue must be positive to divide emissions by it; got " + amount.toPlainString());
      }
      this.netRevenue = amount;
      return this;
    }

    /** Names, publishers and licences of datasets, e.g. {@code FactorCatalog.datasets()}. */
    public Builder datasets(Map<String, DatasetInfo> byId) {
      this.datasetInfo = Map.copyOf(byId);
      return this;
    }

    public Builder results(Iterable<EmissionResult> results) {
      results.forEach(this::addResult);
      return this;
    }

    public Builder addResult(EmissionResult r) {
      all.add(r);
      String periodLabel = r.activity().period();
      YearMonth month = month(periodLabel);
      if (month != null) {
        months.computeIfAbsent(month, m -> Inventory.accumulator()).add(r);
        firstIdByMonth.putIfAbsent(month, r.activity().id());
      } else {
        if (noMonth == null) {
          noMonth = Inventory.accumulator();
        }
        noMonth.add(r);
        if (r.activity().year() > 0) {
          firstIdByYear.putIfAbsent(r.activity().year(), r.activity().id());
        }
      }
      var p = r.provenance();
      datasetUses.computeIfAbsent(p.datasetId(), id -> new DatasetUseCounter(p.datasetEdition())).count++;
      gwpSets.add(p.gwp());
      methods.merge(r.method(), 1L, Long::sum);
      if (!p.gwpApplied()) {
        notRestated++;
      }
      return this;
    }

    private static @Nullable YearMonth month(String label) {
      if (!MONTH.matcher(label).matches()) {
        return null;
      }
      try {
        return YearMonth.parse(label);
      } catch (DateTimeParseException e) {
        return null; // "2024-13" is a label like any other, not a month
      }
    }

    public GhgReport build() {
      if (entity == null) {
        throw new XbrlException(XbrlErrorCode.INVALID_REPORT, "a report needs an entity identifier, e.g. an LEI");
      }
      if (period == null) {
        throw new XbrlException(XbrlErrorCode.INVALID_REPORT, "a report needs a reporting period, e.g. 2024");
      }
      firstIdByMonth.forEach((m, id) -> {
        if (!period.contains(m)) {
          throw outside("activity '" + id + "' has period " + m, period);
        }
      });
      firstIdByYear.forEach((y, id) -> {
        if (y < period.start().getYear() || y > period.end().getYear()) {
          throw outside("activity '" + id + "' is dated " + y, period);
        }
      });
      List<DatasetUse> uses = new ArrayList<>();
      datasetUses.forEach((id, c) -> uses.add(new DatasetUse(id, c.edition, datasetInfo.get(id), c.count)));
      SortedMap<YearMonth, Totals> byMonth = new TreeMap<>();
      months.forEach((m, acc) -> byMonth.put(m, acc.build().totals()));
      return new GhgReport(this, all.build(), uses, byMonth, noMonth == null ? null : noMonth.build().totals());
    }
  }

  private static XbrlException outside(String what, ReportingPeriod period) {
    return new XbrlException(XbrlErrorCode.INVALID_REPORT, what + ", outside the reporting period " + period
        + "; report it in its own period or correct the activity's year or period");
  }

  private static final class DatasetUseCounter {
    final String edition;
    long count;

    DatasetUseCounter(String edition) {
      this.edition = edition;
    }
  }
}
