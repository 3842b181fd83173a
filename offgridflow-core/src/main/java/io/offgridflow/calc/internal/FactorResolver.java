package io.offgridflow.calc.internal;

import io.offgridflow.CoreErrorCode;
import io.offgridflow.ErrorCode;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.calc.FactorNotFoundException;
import io.offgridflow.calc.Provenance;
import io.offgridflow.factors.DatasetInfo;
import io.offgridflow.factors.EmissionFactor;
import io.offgridflow.factors.FactorCatalog;
import io.offgridflow.factors.FactorCategory;
import io.offgridflow.factors.GwpTable;
import io.offgridflow.units.Unit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Finds the factor for an activity shape and caches the answer, misses included: a million rows
 * usually have a few hundred distinct shapes, so after warm-up resolution is one hash lookup.
 */
public final class FactorResolver {
  private final FactorCatalog catalog;
  private final Map<Key, Object> cache = new ConcurrentHashMap<>();

  /** Raw (un-normalised) strings are part of the key so a hit costs no string work. */
  private record Key(
      FactorCategory category, String subject, @Nullable String region, @Nullable Unit unit,
      @Nullable String dataset, GwpTable gwp) {
    // Hand-written: this runs once per row, and the generated record hashCode/equals (an
    // invokedynamic bootstrap that handles nullable components generically) profiled at
    // ~10% of end-to-end CLI time.
    @Override
    public int hashCode() {
      int h = category.hashCode();
      h = 31 * h + subject.hashCode();
      h = 31 * h + (region == null ? 0 : region.hashCode());
      h = 31 * h + (unit == null ? 0 : unit.hashCode());
      h = 31 * h + (dataset == null ? 0 : dataset.hashCode());
      return 31 * h + gwp.hashCode();
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Key k
          && category == k.category
          && unit == k.unit
          && gwp == k.gwp
          && subject.equals(k.subject)
          && Objects.equals(region, k.region)
          && Objects.equals(dataset, k.dataset);
    }
  }

  /** A cached miss: the message of the error to throw again. */
  private record Miss(String field, String value, String message, ErrorCode code) {}

  public FactorResolver(FactorCatalog catalog) {
    this.catalog = catalog;
  }

  public FactorCatalog catalog() {
    return catalog;
  }

  /**
   * The factor for these inputs.
   *
   * @param subjectField the activity field that holds the subject, for error messages
   * @param unit the activity's unit, or {@code null} for money (spend factors)
   * @throws FactorNotFoundException when no factor matches
   */
  public ResolvedFactor resolve(
      String activityId,
      FactorCategory category,
      String subjectField,
      String subject,
      @Nullable String region,
      @Nullable Unit unit,
      @Nullable String dataset,
      GwpTable gwp) {
    Key key = new Key(category, subject, region, unit, dataset, gwp);
    Object hit = cache.get(key);
    if (hit == null) {
      hit = lookUp(category, subjectField, subject, region, unit, dataset, gwp);
      cache.putIfAbsent(key, hit);
    }
    if (hit instanceof ResolvedFactor r) {
      return r;
    }
    Miss m = (Miss) hit;
    if (m.code() == CoreErrorCode.UNKNOWN_DATASET) {
      throw new OffGridFlowException(m.code(), "activity " + activityId + ": " + m.message());
    }
    throw new FactorNotFoundException(activityId, m.field(), m.value(), m.message());
  }

  private Object lookUp(
      FactorCategory category, String subjectField, String subject, @Nullable String region,
      @Nullable Unit unit, @Nullable String dataset, GwpTable gwp) {
    if (dataset != null && catalog.dataset(dataset).isEmpty()) {
      return new Miss("dataset", dataset,
          "unknown dataset '" + dataset + "'; known: " + String.join(", ", new TreeSet<>(catalog.datasets().keySet())),
          CoreErrorCode.UNKNOWN_DATASET);
    }
    Optional<EmissionFactor> found =
        catalog.resolve(category, subject, region, unit == null ? null : unit.dimension(), dataset);
    if (found.isEmpty()) {
      return explainMiss(category, subjectField, subject, region, unit, dataset);
    }
    EmissionFactor f = found.get();
    ResolvedFactor residual = null;
    if (category == FactorCategory.GRID_ELECTRICITY && region != null && unit != null) {
      Optional<EmissionFactor> rm = catalog.resolve(FactorCategory.RESIDUAL_MIX, "", region, unit.dimension(), null);
      if (rm.isPresent()) {
        residual = toResolved(rm.get(), unit, gwp);
      }
    }
    ResolvedFactor r = toResolved(f, unit, gwp);
    return residual == null ? r : new ResolvedFactor(r.factor(), r.toFactorUnit(), r.co2ePerFactorUnit(), r.provenance(), residual, r.note());
  }

  private static ResolvedFactor toResolved(EmissionFactor f, @Nullable Unit unit, GwpTable gwp) {
    double perUnit = f.co2ePerUnit(gwp);
    boolean gwpApplied = f.gasesPublished() || f.co2eBasis().map(b -> b == gwp.set()).orElse(false);
    DatasetInfo d = f.dataset();
    Provenance p = new Provenance(
        f.id(), d.id(), d.edition(), f.name(), perUnit, f.unitLabel(), f.published(), f.sourceRef(),
        gwp.set(), gwpApplied);
    Unit factorUnit = f.unit().orElse(null);
    double toFactorUnit = unit == null || factorUnit == null ? 1.0 : unit.factorTo(factorUnit);
    StringBuilder note = new StringBuilder();
    if (unit != null && unit != factorUnit && factorUnit != null) {
      note.append(unit.symbol()).append(" -> ").append(factorUnit.symbol()).append(" x ").append(toFactorUnit).append("; ");
    }
    note.append(perUnit).append(" kg CO2e/").append(f.unitLabel());
    if (!gwpApplied) {
      note.append(" (published as CO2e")
          .append(f.co2eBasis().map(b -> " under " + b).orElse(", GWP basis per publisher"))
          .append("; not restated under ").append(gwp.set()).append(')');
    } else {
      note.append(" (").append(gwp.set()).append(')');
    }
    return new ResolvedFactor(f, toFactorUnit, perUnit, p, null, note.toString());
  }

  /** Says what is missing: the dataset, the subject, the region or the unit. */
  private Miss explainMiss(
      FactorCategory category, String subjectField, String subject, @Nullable String region,
      @Nullable Unit unit, @Nullable String dataset) {
    String where = dataset != null ? " in dataset " + dataset : "";
    String sub = EmissionFactor.normalizeKey(subject);
    List<EmissionFactor> ofCategory = catalog.factors().stream()
        .filter(f -> f.category() == category)
        .filter(f -> dataset == null || f.dataset().id().equals(dataset))
        .toList();
    if (!sub.isEmpty() && ofCategory.stream().noneMatch(f -> f.subject().equals(sub))) {
      TreeSet<String> known = new TreeSet<>();
      ofCategory.forEach(f -> known.add(f.subject()));
      return new Miss(subjectField, subject,
          "no " + label(category) + " factor for " + subjectField + " '" + subject + "'" + where
              + closest(sub, known) + "; all " + known.size() + " keys are listed in docs/factor-keys.md",
          CoreErrorCode.FACTOR_NOT_FOUND);
    }
    List<EmissionFactor> ofSubject = ofCategory.stream().filter(f -> f.subject().equals(sub)).toList();
    TreeSet<String> regions = new TreeSet<>();
    TreeSet<String> units = new TreeSet<>();
    ofSubject.forEach(f -> {
      regions.add(f.region().isEmpty() ? "(any)" : f.region());
      units.add(f.unitLabel());
    });
    boolean regionCovered = region == null || ofSubject.stream().anyMatch(f -> regionMatches(category, f.region(), region));
    String what = label(category) + (sub.isEmpty() ? "" : " " + subjectField + " '" + subject + "'");
    if (!regionCovered) {
      return new Miss("region", region == null ? "" : region,
          "no " + what + " factor for region '" + region + "'" + where + closest(region, regions)
              + " (" + regions.size() + " regions covered)"
              + (dataset == null ? "" : "; or drop the dataset pin"), CoreErrorCode.FACTOR_NOT_FOUND);
    }
    String unitText = unit == null ? "money" : unit.symbol();
    return new Miss("unit", unitText,
        "no " + what + " factor per " + (unit == null ? "currency unit" : unit.dimension().description() + " (" + unitText + ")")
            + (region == null ? "" : " for region " + region) + where + "; factors exist per: " + abbreviate(units),
        CoreErrorCode.FACTOR_NOT_FOUND);
  }

  /** Up to five known keys nearest to a mistyped one (edit distance), as a "did you mean". */
  private static String closest(String wanted, TreeSet<String> known) {
    List<String> ranked = known.stream()
        .sorted(java.util.Comparator.comparingInt((String k) -> distance(wanted, k)).thenComparing(k -> k))
        .limit(5)
        .toList();
    return ranked.isEmpty() ? "" : "; did you mean " + String.join(", ", ranked) + "?";
  }

  /** Levenshtein distance; keys are short, so the quadratic table is cheap on this error path. */
  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static boolean regionMatches(FactorCategory category, String factorRegion, String region) {
    return factorRegion.isEmpty() || factorRegion.equals(region)
        || (!category.gridRegional() && region.indexOf(':') < 0 && region.startsWith(factorRegion + "-"));
  }

  private static String label(FactorCategory c) {
    return c.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  private static String abbreviate(TreeSet<String> values) {
    if (values.isEmpty()) {
      return "(none)";
    }
    List<String> list = List.copyOf(values);
    String shown = String.join(", ", list.subList(0, Math.min(25, list.size())));
    return list.size() > 25 ? shown + ", ... (" + list.size() + " in all; see docs/factor-keys.md)" : shown;
  }
}
