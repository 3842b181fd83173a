package io.offgridflow.xbrl.internal;

import io.offgridflow.xbrl.Disclosure;
import io.offgridflow.xbrl.UnitRegistry;
import io.offgridflow.xbrl.ValidationIssue;
import io.offgridflow.xbrl.XbrlErrorCode;
import io.offgridflow.xbrl.spi.CalculationRelation;
import io.offgridflow.xbrl.spi.CategoryAxis;
import io.offgridflow.xbrl.spi.ConceptDefinition;
import io.offgridflow.xbrl.spi.TaxonomyMapping;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.namespace.QName;
import org.jspecify.annotations.Nullable;

/**
 * The checks beyond XML Schema: XBRL 2.1 references, decimals, duplicates, the Units Registry,
 * period types, dimension placement and calculation consistency. Concept knowledge (data types,
 * allowed axes, summations) comes from the taxonomy mapping; concepts it does not know get the
 * taxonomy-independent checks only.
 */
public final class XbrlRules {
  private static final String GHG = "ghgEmissionsItemType";
  private static final String MONETARY = "monetaryItemType";

  private final TaxonomyMapping mapping;
  private final UnitRegistry registry;
  private final Map<QName, ConceptDefinition> concepts = new HashMap<>();

  public XbrlRules(TaxonomyMapping mapping, UnitRegistry registry) {
    this.mapping = mapping;
    this.registry = registry;
    for (ConceptDefinition c : mapping.concepts()) {
      concepts.put(c.name(), c);
    }
  }

  public List<ValidationIssue> check(ParsedDocument doc) {
    List<ValidationIssue> issues = new ArrayList<>();
    contexts(doc, issues);
    units(doc, issues);
    List<ParsedDocument.ParsedFact> usable = new ArrayList<>();
    for (ParsedDocument.ParsedFact f : doc.facts()) {
      if (fact(doc, f, issues)) {
        usable.add(f);
      }
    }
    duplicates(doc, usable, issues);
    calculations(doc, usable, issues);
    return issues;
  }

  private static void contexts(ParsedDocument doc, List<ValidationIssue> issues) {
    for (ParsedDocument.Context c : doc.contexts().values()) {
      if (!c.segment().isEmpty()) {
        issues.add(new ValidationIssue(XbrlErrorCode.DIMENSION_IN_SEGMENT, "context " + c.id() + " puts "
            + c.segment().get(0).dimension().getLocalPart() + " in xbrli:segment; the taxonomy's hypercubes are"
            + " closed scenario cubes, so dimensions go in xbrli:scenario", "context " + c.id()));
      }
    }
  }

  private void units(ParsedDocument doc, List<ValidationIssue> issues) {
    for (ParsedDocument.Unit u : doc.units().values()) {
      List<QName> all = new ArrayList<>(u.numerator());
      all.addAll(u.denominator());
      for (QName m : all) {
        if (!registry.contains(m)) {
          issues.add(new ValidationIssue(XbrlErrorCode.UNIT_NOT_IN_REGISTRY, "unit " + u.id() + " uses measure "
              + m.getPrefix() + ":" + m.getLocalPart() + " {" + m.getNamespaceURI() + "}, which the Units Registry"
              + " does not list (tonnes CO2e is utr:tCO2e in http://www.xbrl.org/2009/utr)", "unit " + u.id()));
        }
      }
    }
  }

  /** Checks one fact; false when it cannot take part in duplicate and calculation checks. */
  private boolean fact(ParsedDocument doc, ParsedDocument.ParsedFact f, List<ValidationIssue> issues) {
    boolean usable = true;
    ParsedDocument.Context ctx = f.contextRef() == null ? null : doc.contexts().get(f.contextRef());
    if (ctx == null) {
      issues.add(new ValidationIssue(XbrlErrorCode.CONTEXT_NOT_FOUND, "fact " + name(f) + " refers to context '"
          + f.contextRef() + "', which the document does not define", f.location()));
      usable = false;
    }
    ConceptDefinition def = concepts.get(f.concept());
    boolean numeric = def != null ? def.dataType().numeric() : f.numeric();
    if (numeric) {
      ParsedDocument.Unit unit = f.unitRef() == null ? null : doc.units().get(f.unitRef());
      if (unit == null) {
        issues.add(new ValidationIssue(XbrlErrorCode.UNIT_NOT_FOUND, "numeric fact " + name(f) + (f.unitRef() == null
            ? " has no unitRef" : " refers to unit '" + f.unitRef() + "', which the document does not define"),
            f.location()));
        usable = false;
      } else if (def != null) {
        unitFits(f, def, unit, issues);
      }
      if (!f.nil() && f.decimals() == null && f.precision() == null) {
        issues.add(new ValidationIssue(XbrlErrorCode.DECIMALS_MISSING, "numeric fact " + name(f)
            + " has neither decimals nor precision; state how accurate it is, e.g. decimals=\"3\"", f.location()));
        usable = false;
      }
      if (!f.nil() && parse(f) == null) {
        usable = false; // the schema check or the inline reader has reported the bad lexical value
      }
    }
    if (ctx != null && def != null) {
      if (ctx.instant()) {
        issues.add(new ValidationIssue(XbrlErrorCode.PERIOD_TYPE_MISMATCH, name(f) + " is a duration concept but"
            + " context " + ctx.id() + " has an instant period", f.location()));
      }
      dimensions(f, def, ctx, issues);
    }
    return usable;
  }

  private void unitFits(ParsedDocument.ParsedFact f, ConceptDefinition def, ParsedDocument.Unit unit,
      List<ValidationIssue> issues) {
    String expected;
    boolean fits;
    switch (def.dataType()) {
      case GHG_EMISSIONS -> {
        expected = "a single ghgEmissionsItemType measure such as utr:tCO2e";
        fits = unit.denominator().isEmpty() && unit.numerator().size() == 1
            && registry.itemTypes(unit.numerator().get(0)).contains(GHG);
      }
      case GHG_EMISSIONS_PER_MONETARY -> {
        UnitRegistry.Ratio ratio = registry.ratio("ghgEmissionsPerMonetaryItemType")
            .orElse(new UnitRegistry.Ratio(GHG, MONETARY));
        expected = "a ghgEmissionsItemType measure divided by a currency, e.g. utr:tCO2e / iso4217:EUR";
        fits = unit.numerator().size() == 1 && unit.denominator().size() == 1
            && registry.itemTypes(unit.numerator().get(0)).contains(ratio.numeratorItemType())
            && registry.itemTypes(unit.denominator().get(0)).contains(ratio.denominatorItemType());
      }
      default -> {
        expected = "no unit";
        fits = false;
      }
    }
    if (!fits) {
      issues.add(new ValidationIssue(XbrlErrorCode.UNIT_WRONG_FOR_CONCEPT, name(f) + " is " + def.dataType()
          + " and needs " + expected + "; unit " + unit.id() + " is " + describe(unit), f.location()));
    }
  }

  private void dimensions(ParsedDocument.ParsedFact f, ConceptDefinition def, ParsedDocument.Context ctx,
      List<ValidationIssue> issues) {
    Optional<CategoryAxis> categories = mapping.scope3Categories();
    for (ParsedDocument.Member m : ctx.scenario()) {
      if (!def.axes().contains(m.dimension())) {
        issues.add(new ValidationIssue(XbrlErrorCode.DIMENSION_NOT_ALLOWED, name(f) + " is reported on "
            + m.dimension().getLocalPart() + " (context " + ctx.id() + "), an axis the concept does not take"
            + (def.axes().isEmpty() ? "; report it in a context without dimensions" : ""), f.location()));
      } else if (categories.isPresent() && categories.get().axis().equals(m.dimension())
          && !categories.get().members().containsValue(m.member())) {
        issues.add(new ValidationIssue(XbrlErrorCode.DIMENSION_MEMBER_UNKNOWN, "context " + ctx.id() + " has member "
            + m.member().getLocalPart() + " on " + m.dimension().getLocalPart() + ", which is not one of the"
            + " taxonomy's 15 category members", f.location()));
      }
    }
  }

  private static void duplicates(ParsedDocument doc, List<ParsedDocument.ParsedFact> facts,
      List<ValidationIssue> issues) {
    Map<String, ParsedDocument.ParsedFact> seen = new HashMap<>();
    for (ParsedDocument.ParsedFact f : facts) {
      String key = key(doc, f.concept(), f);
      ParsedDocument.ParsedFact first = seen.putIfAbsent(key, f);
      if (first == null) {
        continue;
      }
      boolean same = f.numeric() ? sameNumber(first, f) : first.value().equals(f.value());
      issues.add(same
          ? new ValidationIssue(XbrlErrorCode.DUPLICATE_FACT, name(f) + " is reported twice for context "
              + f.contextRef() + " with the same value " + shown(f) + " (first at " + first.location() + ")",
              f.location())
          : new ValidationIssue(XbrlErrorCode.INCONSISTENT_FACT, name(f) + " is reported twice for context "
              + f.contextRef() + " with different values: " + shown(first) + " at " + first.location() + " and "
              + shown(f), f.location()));
    }
  }

  /** Equal when both round to the same value at the less accurate decimals (XBRL 2.1 4.10). */
  private static boolean sameNumber(ParsedDocument.ParsedFact a, ParsedDocument.ParsedFact b) {
    BigDecimal x = parse(a);
    BigDecimal y = parse(b);
    if (x == null || y == null) {
      return a.value().equals(b.value());
    }
    Integer da = decimals(a);
    Integer db = decimals(b);
    if (da == null || db == null) {
      return x.compareTo(y) == 0;
    }
    int d = Math.min(da, db);
    return round(x, d).compareTo(round(y, d)) == 0;
  }

  private void calculations(ParsedDocument doc, List<ParsedDocument.ParsedFact> facts, List<ValidationIssue> issues) {
    Map<String, List<ParsedDocument.ParsedFact>> byConceptAndContext = new LinkedHashMap<>();
    for (ParsedDocument.ParsedFact f : facts) {
      if (f.numeric() && !f.nil()) {
        byConceptAndContext.computeIfAbsent(key(doc, f.concept(), f), k -> new ArrayList<>()).add(f);
      }
    }
    for (CalculationRelation rel : mapping.calculations()) {
      for (ParsedDocument.ParsedFact total : facts) {
        if (!total.concept().equals(rel.total()) || total.nil()) {
          continue;
        }
        List<ParsedDocument.ParsedFact> items = new ArrayList<>();
        boolean duplicated = byConceptAndContext.getOrDefault(key(doc, total.concept(), total), List.of()).size() > 1;
        for (QName item : rel.items()) {
          List<ParsedDocument.ParsedFact> found = byConceptAndContext.getOrDefault(key(doc, item, total), List.of());
          duplicated |= found.size() > 1;
          items.addAll(found);
        }
        // XBRL 2.1 5.2.5.2: a summation with duplicate items or totals is not bound, so not checked;
        // the duplicates themselves are reported.
        if (!items.isEmpty() && !duplicated) {
          compare(total, items, total.concept().getLocalPart() + " = " + String.join(" + ",
              rel.items().stream().map(QName::getLocalPart).toList()), issues);
        }
      }
    }
    categoryTotals(doc, facts, issues);
  }

  /** Scope 3 categories on the axis must add up to the Scope 3 total of the same entity and period. */
  private void categoryTotals(ParsedDocument doc, List<ParsedDocument.ParsedFact> facts, List<ValidationIssue> issues) {
    Optional<CategoryAxis> axis = mapping.scope3Categories();
    Optional<ConceptDefinition> scope3 = mapping.concept(Disclosure.GROSS_SCOPE_3);
    if (axis.isEmpty() || scope3.isEmpty()) {
      return;
    }
    Map<String, ParsedDocument.ParsedFact> totals = new HashMap<>();
    Map<String, List<ParsedDocument.ParsedFact>> parts = new LinkedHashMap<>();
    Set<String> seenMembers = new HashSet<>();
    for (ParsedDocument.ParsedFact f : facts) {
      if (!f.concept().equals(scope3.get().name()) || !f.numeric() || f.nil()) {
        continue;
      }
      ParsedDocument.Context c = doc.contexts().get(f.contextRef());
      ParsedDocument.Unit unit = doc.units().get(f.unitRef());
      String k = c.undimensionedKey() + "|" + (unit == null ? "" : unit.equivalenceKey());
      if (c.scenario().isEmpty() && c.segment().isEmpty()) {
        totals.putIfAbsent(k, f);
      } else if (c.scenario().size() == 1 && c.segment().isEmpty()
          && c.scenario().get(0).dimension().equals(axis.get().axis())
          && seenMembers.add(k + "|" + c.scenario().get(0).member())) {
        parts.computeIfAbsent(k, x -> new ArrayList<>()).add(f);
      }
    }
    parts.forEach((k, items) -> {
      ParsedDocument.ParsedFact total = totals.get(k);
      if (total != null) {
        compare(total, items, "Scope 3 = sum of the categories on " + axis.get().axis().getLocalPart(), issues);
      }
    });
  }

  /** XBRL 2.1 5.2.5.2: round each item to its decimals, sum, round to the total's decimals, compare. */
  private static void compare(ParsedDocument.ParsedFact total, List<ParsedDocument.ParsedFact> items, String rule,
      List<ValidationIssue> issues) {
    BigDecimal t = parse(total);
    Integer td = decimals(total);
    if (t == null || td == null) {
      return;
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (ParsedDocument.ParsedFact i : items) {
      BigDecimal v = parse(i);
      Integer d = decimals(i);
      if (v == null || d == null) {
        return;
      }
      sum = sum.add(round(v, d));
    }
    if (round(sum, td).compareTo(round(t, td)) != 0) {
      issues.add(new ValidationIssue(XbrlErrorCode.CALCULATION_INCONSISTENT, rule + " does not hold: the items add up"
          + " to " + round(sum, td).toPlainString() + " but the total is " + t.toPlainString() + " (decimals " + td
          + ")", total.location()));
    }
  }

  /** Concept, equivalent context and equivalent unit: facts with the same key are the same fact. */
  private static String key(ParsedDocument doc, QName concept, ParsedDocument.ParsedFact f) {
    ParsedDocument.Unit unit = f.unitRef() == null ? null : doc.units().get(f.unitRef());
    return concept + "|" + doc.contexts().get(f.contextRef()).equivalenceKey() + "|"
        + (unit == null ? "" : unit.equivalenceKey());
  }

  private static @Nullable BigDecimal parse(ParsedDocument.ParsedFact f) {
    try {
      return new BigDecimal(f.value().strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Decimals of a fact; precision is read as "as accurate as written" (INF decimals). */
  private static @Nullable Integer decimals(ParsedDocument.ParsedFact f) {
    if (f.decimals() == null) {
      return f.precision() != null ? Integer.MAX_VALUE : null;
    }
    String d = f.decimals().strip();
    if ("INF".equals(d)) {
      return Integer.MAX_VALUE;
    }
    try {
      return Integer.parseInt(d);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static BigDecimal round(BigDecimal v, int decimals) {
    return decimals == Integer.MAX_VALUE ? v : v.setScale(decimals, RoundingMode.HALF_EVEN);
  }

  private static String name(ParsedDocument.ParsedFact f) {
    return f.concept().getLocalPart();
  }

  private static String shown(ParsedDocument.ParsedFact f) {
    String v = f.value();
    return "'" + (v.length() > 60 ? v.substring(0, 57) + "..." : v) + "'";
  }

  private static String describe(ParsedDocument.Unit u) {
    String num = String.join("*", u.numerator().stream().map(q -> q.getPrefix() + ":" + q.getLocalPart()).toList());
    return u.denominator().isEmpty() ? num
        : num + " / " + String.join("*", u.denominator().stream().map(q -> q.getPrefix() + ":" + q.getLocalPart()).toList());
  }
}
