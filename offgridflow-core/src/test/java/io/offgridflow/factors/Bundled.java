package io.offgridflow.factors;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The bundled catalog, built once for the tests of this package, and raw access to its resources. */
final class Bundled {
  static final FactorCatalog CATALOG = FactorCatalog.bundled();

  private Bundled() {}

  static EmissionFactor factor(String id) {
    return CATALOG.factor(id).orElseThrow(() -> new AssertionError("no bundled factor " + id));
  }

  static List<EmissionFactor> ofDataset(String datasetId) {
    return CATALOG.factors().stream().filter(f -> f.dataset().id().equals(datasetId)).toList();
  }

  /** Data lines (header and blank lines excluded) of a bundled CSV without multi-line fields. */
  static List<String> dataLines(String datasetDir, String file) {
    String path = "/io/offgridflow/factors/data/" + datasetDir + "/" + file;
    try (InputStream in = Bundled.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new AssertionError("missing resource " + path);
      }
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      return lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
