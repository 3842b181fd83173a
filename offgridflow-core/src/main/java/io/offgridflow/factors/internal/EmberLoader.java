package io.offgridflow.factors.internal;

import io.offgridflow.factors.DatasetInfo;
import io.offgridflow.factors.FactorCategory;
import io.offgridflow.factors.spi.FactorSource;
import io.offgridflow.units.Unit;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ember yearly country grid intensities as packaged by {@code @tgwf/co2}: a fallback for
 * countries no primary dataset covers. Regions are ISO 3166 alpha-2, converted from Ember's
 * alpha-3 with the JDK's country table; aggregates (World, EU, ...) and codes without an alpha-2
 * (XKX, Kosovo) are skipped.
 */
final class EmberLoader {
  private static final Logger LOG = LoggerFactory.getLogger(EmberLoader.class);

  static final DatasetInfo DATASET = new DatasetInfo("ember-2024", "Ember yearly electricity data: grid carbon intensity",
      "Ember (via @tgwf/co2)", "latest year per country (mostly 2024), @tgwf/co2 packaging",
      LocalDate.of(2025, 1, 1), "CC BY 4.0 (Ember); attribution required", DatasetInfo.Tier.FALLBACK);
  static final String FILE = "ember_country_grid_intensity_via_co2js.csv";

  private EmberLoader() {}

  /** ISO alpha-3 to alpha-2 from the JDK, e.g. {@code GBR -> GB}. */
  static Map<String, String> alpha3ToAlpha2() {
    Map<String, String> m = new HashMap<>(300);
    for (String a2 : Locale.getISOCountries()) {
      try {
        m.put(new Locale("", a2).getISO3Country(), a2);
      } catch (MissingResourceException e) {
        LOG.debug("JDK has no alpha-3 for {}", a2);
      }
    }
    return m;
  }

  static FactorSource load() {
    CsvTable t = CsvReader.resource(DATASET.id(), FILE).requireColumns("key", "country_code_iso3",
        "country_or_region", "year", "emissions_intensity_gco2_per_kwh");
    Map<String, String> a2 = alpha3ToAlpha2();
    SourceBuilder out = new SourceBuilder(DATASET);
    for (CsvRow r : t.rows()) {
      String iso3 = r.text("country_code_iso3");
      if (iso3.isEmpty()) {
        LOG.debug("{}: skipping aggregate '{}'", r.where(), r.text("country_or_region"));
        continue;
      }
      String region = a2.get(iso3);
      if (region == null) {
        LOG.debug("{}: skipping {} ({}): no ISO alpha-2 code", r.where(), iso3, r.text("country_or_region"));
        continue;
      }
      CsvRow.Num g = r.number("emissions_intensity_gco2_per_kwh");
      int year = r.integer("year");
      out.add(out.factor()
          .id(DATASET.id() + ":" + region)
          .category(FactorCategory.GRID_ELECTRICITY)
          .subject("")
          .region(region)
          .name(r.required("country_or_region") + " grid carbon intensity, " + year + " (Ember)")
          .unit(Unit.KWH)
          .co2eOnly(g.value() / 1000.0, null)
          .published(g + " gCO2/kWh (Ember " + year + ", via @tgwf/co2)")
          .sourceRef(iso3 + " " + year)
          .build(), r.where());
    }
    return out.build();
  }
}
