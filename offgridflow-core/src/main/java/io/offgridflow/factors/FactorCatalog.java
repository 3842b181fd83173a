package io.offgridflow.factors;

import io.offgridflow.CoreErrorCode;
import io.offgridflow.ErrorCode;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.factors.internal.BundledData;
import io.offgridflow.factors.internal.BundledDatasets;
import io.offgridflow.factors.spi.FactorSource;
import io.offgridflow.units.Dimension;
import io.offgridflow.units.Unit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * All emission factors known to a calculator: the bundled datasets plus any host {@link
 * FactorSource}s, indexed for fast resolution and searchable by text. Immutable and thread-safe.
 *
 * <p>Resolution picks, among factors of the right category, subject and measure (energy, volume,
 * money, ...): an exact region match before a region-less factor; a {@link DatasetInfo.Tier#PRIMARY}
 * dataset before a fallback one; then the newest dataset. A pinned dataset id overrides the
 * ranking.
 *
 * <pre>{@code
 * FactorCatalog catalog = FactorCatalog.builder().addSource(myFactors).build();
 * EmissionFactor nwpp = catalog.resolve(FactorCategory.GRID_ELECTRICITY, "", "US-NWPP",
 *     Dimension.ENERGY, null).orElseThrow();
 * }</pre>
 */
public final class FactorCatalog {
  /** Region used in the index for "any region", so a row without a region still resolves. */
  private static final String ANY_REGION = "*";

  private final Map<String, DatasetInfo> datasets;
  private final Map<String, EmissionFactor> byId;
  private final List<EmissionFactor> all;
  private final Map<ResolutionKey, List<EmissionFactor>> index;
  private final Map<GwpSet, GwpTable> gwp;
  private final CpiTable cpi;

  private record ResolutionKey(FactorCategory category, String subject, String region, String measure) {
    // Hand-written: a record's generated hashCode/equals go through invokedynamic, which costs
    // microseconds per call until the JIT compiles it, and building the index makes two lookups
    // per bundled factor in a fresh JVM (the CLI's start-up).
    @Override
    public int hashCode() {
      return ((category.hashCode() * 31 + subject.hashCode()) * 31 + region.hashCode()) * 31 + measure.hashCode();
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof ResolutionKey k && category == k.category && subject.equals(k.subject)
          && region.equals(k.region) && measure.equals(k.measure);
    }
  }

  private FactorCatalog(List<FactorSource> sources, Map<GwpSet, GwpTable> gwp, CpiTable cpi) {
    this.gwp = new EnumMap<>(gwp);
    this.cpi = cpi;
    Map<String, DatasetInfo> ds = new LinkedHashMap<>();
    Map<String, EmissionFactor> ids = new HashMap<>();
    List<EmissionFactor> factors = new ArrayList<>();
    for (FactorSource source : sources) {
      for (DatasetInfo d : source.datasets()) {
        DatasetInfo prior = ds.putIfAbsent(d.id(), d);
        if (prior != null && !prior.equals(d)) {
          throw new OffGridFlowException(
              CoreErrorCode.INVALID_CONFIGURATION, "two different datasets share the id " + d.id());
        }
      }
      for (EmissionFactor f : source.factors()) {
        if (!ds.containsKey(f.dataset().id())) {
          throw new OffGridFlowException(
              CoreErrorCode.INVALID_CONFIGURATION,
              "factor " + f.id() + " names dataset " + f.dataset().id() + ", which its source does not declare");
        }
        if (ids.putIfAbsent(f.id(), f) != null) {
          throw new OffGridFlowException(
              CoreErrorCode.INVALID_CONFIGURATION, "two factors share the id " + f.id());
        }
        factors.add(f);
      }
    }
    this.datasets = Map.copyOf(ds);
    this.byId = Map.copyOf(ids);
    this.all = List.copyOf(factors);
    this.index = buildIndex(factors);
  }

  private static Map<ResolutionKey, List<EmissionFactor>> buildIndex(List<EmissionFactor> factors) {
    Map<ResolutionKey, List<EmissionFactor>> idx = new HashMap<>();
    for (EmissionFactor f : factors) {
      String measure = measureOf(f);
      idx.computeIfAbsent(new ResolutionKey(f.category(), f.subject(), f.region(), measure), k -> new ArrayList<>()).add(f);
      idx.computeIfAbsent(new ResolutionKey(f.category(), f.subject(), ANY_REGION, measure), k -> new ArrayList<>()).add(f);
    }
    Comparator<EmissionFactor> preference =
        Comparator.<EmissionFactor, Integer>comparing(f -> f.dataset().tier().ordinal())
            .thenComparing(f -> f.dataset().published(), Comparator.reverseOrder())
            .thenComparing(EmissionFactor::id);
    Map<ResolutionKey, List<EmissionFactor>> frozen = new HashMap<>();
    idx.forEach((k, v) -> {
      v.sort(preference);
      frozen.put(k, List.copyOf(v));
    });
    return frozen;
  }

  private static String measureOf(EmissionFactor f) {
    return f.unit().map(u -> u.dimension().name()).orElse(MONEY);
  }

  private static final String MONEY = "MONEY";

  /** A catalog of the bundled datasets only. Loading parses the resources: build it once, share it. */
  public static FactorCatalog bundled() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Every dataset, bundled and host-supplied, by id. */
  public Map<String, DatasetInfo> datasets() {
    return datasets;
  }

  public Optional<DatasetInfo> dataset(String id) {
    return Optional.ofNullable(datasets.get(id));
  }

  /**
   * The dataset with this id.
   *
   * @throws OffGridFlowException {@link ErrorCode#UNKNOWN_DATASET} listing the known ids
   */
  public DatasetInfo requireDataset(String id) {
    DatasetInfo d = datasets.get(id);
    if (d == null) {
      throw new OffGridFlowException(
          CoreErrorCode.UNKNOWN_DATASET,
          "unknown dataset '" + id + "'; known: " + String.join(", ", new java.util.TreeSet<>(datasets.keySet())));
    }
    return d;
  }

  public Optional<EmissionFactor> factor(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Every factor, in source order. */
  public List<EmissionFactor> factors() {
    return all;
  }

  public GwpTable gwp(GwpSet set) {
    GwpTable t = gwp.get(set);
    if (t == null) {
      throw new OffGridFlowException(CoreErrorCode.UNKNOWN_DATASET, "no GWP table for " + set);
    }
    return t;
  }

  public CpiTable cpi() {
    return cpi;
  }

  /**
   * The preferred factor for a category, subject, region and measure.
   *
   * @param region the row's region, or {@code null}/empty for "any region"
   * @param dimension the dimension of the activity's quantity; {@code null} for money
   * @param datasetId a pinned dataset id, or {@code null} to take the preferred dataset
   */
  public Optional<EmissionFactor> resolve(
      FactorCategory category,
      String subject,
      @Nullable String region,
      @Nullable Dimension dimension,
      @Nullable String datasetId) {
    List<EmissionFactor> candidates = candidates(category, subject, region, dimension);
    if (datasetId == null) {
      return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(0));
    }
    for (EmissionFactor f : candidates) {
      if (f.dataset().id().equals(datasetId)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /**
   * Every factor that could serve, best first: exact region, then the region's country (a
   * {@code US-NWPP} row may burn fuel under a factor for {@code US}; not for grid categories, see
   * {@link FactorCategory#gridRegional()}), then region-less factors.
   */
  public List<EmissionFactor> candidates(
      FactorCategory category, String subject, @Nullable String region, @Nullable Dimension dimension) {
    String measure = dimension == null ? MONEY : dimension.name();
    String key = EmissionFactor.normalizeKey(subject);
    if (region == null || region.isEmpty()) {
      return index.getOrDefault(new ResolutionKey(category, key, ANY_REGION, measure), List.of());
    }
    List<EmissionFactor> out = new ArrayList<>(4);
    addAll(out, new ResolutionKey(category, key, region, measure));
    int dash = region.indexOf('-');
    if (dash > 0 && region.indexOf(':') < 0 && !category.gridRegional()) {
      addAll(out, new ResolutionKey(category, key, region.substring(0, dash), measure));
    }
    addAll(out, new ResolutionKey(category, key, "", measure));
    return out;
  }

  private void addAll(List<EmissionFactor> out, ResolutionKey key) {
    List<EmissionFactor> found = index.get(key);
    if (found != null) {
      out.addAll(found);
    }
  }

  /**
   * Searches factors by text and filters, best matches first: more matched words, then exact
   * region, primary tier, newest dataset.
   */
  public List<EmissionFactor> search(FactorQuery query) {
    String[] words = query.text().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}.]+");
    List<Scored> hits = new ArrayList<>();
    for (EmissionFactor f : all) {
      if (!matchesFilters(f, query)) {
        continue;
      }
      int score = textScore(f, words);
      if (score >= 0) {
        hits.add(new Scored(f, score));
      }
    }
    hits.sort(
        Comparator.comparingInt(Scored::score).reversed()
            .thenComparing(s -> s.factor().dataset().tier().ordinal())
            .thenComparing(s -> s.factor().dataset().published(), Comparator.reverseOrder())
            .thenComparing(s -> s.factor().id()));
    List<EmissionFactor> out = new ArrayList<>();
    for (int i = 0; i < hits.size() && i < query.limit(); i++) {
      out.add(hits.get(i).factor());
    }
    return out;
  }

  private record Scored(EmissionFactor factor, int score) {}

  private static boolean matchesFilters(EmissionFactor f, FactorQuery q) {
    if (q.datasetId().isPresent() && !q.datasetId().get().equals(f.dataset().id())) {
      return false;
    }
    if (q.category().isPresent() && q.category().get() != f.category()) {
      return false;
    }
    if (q.region().isPresent() && !q.region().get().equalsIgnoreCase(f.region())) {
      return false;
    }
    if (q.unit().isPresent()) {
      Unit u = q.unit().get();
      return f.unit().map(fu -> fu.dimension() == u.dimension()).orElse(false);
    }
    return true;
  }

  /**
   * -1 when a word is missing; otherwise 2 per whole-word match and 1 per prefix match, plus 3
   * when the words spell the factor's subject key exactly ("diesel" is the diesel factor, not
   * "development diesel").
   */
  private static int textScore(EmissionFactor f, String[] words) {
    int exactSubject = String.join("_", words).equals(f.subject()) ? 3 : 0;
    String hay = (f.name() + " " + f.subject().replace('_', ' ') + " " + f.region() + " "
            + f.category().name().replace('_', ' ') + " " + f.dataset().id())
        .toLowerCase(Locale.ROOT);
    String[] tokens = hay.split("[^\\p{L}\\p{N}.]+");
    int score = 0;
    for (String w : words) {
      if (w.isEmpty()) {
        continue;
      }
      int best = -1;
      for (String t : tokens) {
        if (t.equals(w)) {
          best = 2;
          break;
        }
        if (t.startsWith(w)) {
          best = 1;
        }
      }
      if (best < 0) {
        return -1;
      }
      score += best;
    }
    return score + exactSubject;
  }

  /** Builder for {@link FactorCatalog}. */
  public static final class Builder {
    private final List<FactorSource> sources = new ArrayList<>();
    private boolean bundled = true;

    private Builder() {}

    /** Adds a host factor source; its datasets join the bundled ones. */
    public Builder addSource(FactorSource source) {
      sources.add(source);
      return this;
    }

    /** Leaves the bundled datasets out (GWP and CPI tables stay: calculation needs them). */
    public Builder withoutBundledFactors() {
      this.bundled = false;
      return this;
    }

    public FactorCatalog build() {
      BundledData data = BundledDatasets.load();
      List<FactorSource> all = new ArrayList<>();
      if (bundled) {
        all.addAll(data.sources());
      }
      all.addAll(sources);
      return new FactorCatalog(all, data.gwp(), data.cpi());
    }
  }
}
