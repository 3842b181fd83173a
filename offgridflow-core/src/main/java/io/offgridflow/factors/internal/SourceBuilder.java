package io.offgridflow.factors.internal;

import io.offgridflow.CoreErrorCode;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.factors.DatasetInfo;
import io.offgridflow.factors.EmissionFactor;
import io.offgridflow.factors.InMemoryFactorSource;
import io.offgridflow.factors.spi.FactorSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects one dataset's factors and rejects mapping mistakes as they happen: a duplicate id, or
 * two factors the catalog could not tell apart (same category, subject, region and dimension),
 * which would make resolution depend on file order.
 */
final class SourceBuilder {
  private final DatasetInfo dataset;
  private final List<EmissionFactor> factors = new ArrayList<>();
  private final Map<String, String> ids = new HashMap<>();
  private final Map<String, String> resolutionKeys = new HashMap<>();

  SourceBuilder(DatasetInfo dataset) {
    this.dataset = dataset;
  }

  /** A builder with the dataset already set. */
  EmissionFactor.Builder factor() {
    return EmissionFactor.builder().dataset(dataset);
  }

  /** Adds a factor; {@code where} is the {@code resource:line} it came from, for messages. */
  void add(EmissionFactor f, String where) {
    String prior = ids.putIfAbsent(f.id(), where);
    if (prior != null) {
      throw new OffGridFlowException(CoreErrorCode.DATASET_LOAD_FAILED,
          where + ": factor id '" + f.id() + "' was already built from " + prior);
    }
    String measure = f.unit().map(u -> u.dimension().name()).orElse("MONEY");
    String key = f.category() + "|" + f.subject() + "|" + f.region() + "|" + measure;
    String clash = resolutionKeys.putIfAbsent(key, f.id());
    if (clash != null) {
      throw new OffGridFlowException(CoreErrorCode.DATASET_LOAD_FAILED,
          where + ": factor " + f.id() + " has the same category, subject '" + f.subject() + "', region '"
              + f.region() + "' and dimension " + measure + " as " + clash + "; resolution could not choose");
    }
    factors.add(f);
  }

  int size() {
    return factors.size();
  }

  FactorSource build() {
    if (factors.isEmpty()) {
      throw new OffGridFlowException(CoreErrorCode.DATASET_LOAD_FAILED, "dataset " + dataset.id() + " produced no factors");
    }
    return InMemoryFactorSource.builder().addAll(factors).build();
  }
}
