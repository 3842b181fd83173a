package io.offgridflow.factors;

import io.offgridflow.factors.spi.FactorSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link FactorSource} holding factors the host builds in code.
 *
 * <pre>{@code
 * FactorSource mine = InMemoryFactorSource.builder()
 *     .add(residualMixFactor)
 *     .add(supplierFactor)
 *     .build();
 * }</pre>
 */
public final class InMemoryFactorSource implements FactorSource {
  private final List<DatasetInfo> datasets;
  private final List<EmissionFactor> factors;

  private InMemoryFactorSource(List<DatasetInfo> datasets, List<EmissionFactor> factors) {
    this.datasets = List.copyOf(datasets);
    this.factors = List.copyOf(factors);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public List<DatasetInfo> datasets() {
    return datasets;
  }

  @Override
  public List<EmissionFactor> factors() {
    return factors;
  }

  /** Collects factors; their datasets are gathered automatically. */
  public static final class Builder {
    private final Set<DatasetInfo> datasets = new LinkedHashSet<>();
    private final List<EmissionFactor> factors = new ArrayList<>();

    private Builder() {}

    /** Declares a dataset even if no factor of it is added (e.g. reference data such as GWPs). */
    public Builder dataset(DatasetInfo dataset) {
      datasets.add(dataset);
      return this;
    }

    public Builder add(EmissionFactor factor) {
      factors.add(factor);
      datasets.add(factor.dataset());
      return this;
    }

    public Builder addAll(Iterable<EmissionFactor> all) {
      all.forEach(this::add);
      return this;
    }

    public InMemoryFactorSource build() {
      return new InMemoryFactorSource(new ArrayList<>(datasets), factors);
    }
  }
}
