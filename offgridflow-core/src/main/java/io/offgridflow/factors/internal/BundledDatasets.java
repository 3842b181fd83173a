package io.offgridflow.factors.internal;

import io.offgridflow.factors.InMemoryFactorSource;
import io.offgridflow.factors.spi.FactorSource;
import java.util.List;

/**
 * Loads every dataset bundled in the core's resources ({@code io/offgridflow/factors/data/}): one
 * {@link FactorSource} per factor dataset, a reference source listing the GWP and CPI datasets, the
 * GWP tables and the CPI table. Each call parses the resources afresh (about 25 ms on a warm JVM,
 * about 220 ms of CPU on a cold one); the host builds its catalog once and shares it, so nothing
 * is cached here.
 *
 * <pre>{@code
 * BundledData data = BundledDatasets.load();
 * }</pre>
 */
public final class BundledDatasets {
  private BundledDatasets() {}

  /**
   * Parses all bundled resources.
   *
   * @throws io.offgridflow.OffGridFlowException {@code DATASET_LOAD_FAILED} naming the resource and
   *     line of a malformed row
   */
  public static BundledData load() {
    List<FactorSource> sources = List.of(
        EgridLoader.load(EgridLoader.EGRID_2022, EgridLoader.FILE_2022, "eGRID2022"),
        EgridLoader.load(EgridLoader.EGRID_2023, EgridLoader.FILE_2023, "eGRID2023"),
        EpaHubLoader.load(),
        DesnzLoader.load(),
        UseeioLoader.load(),
        EmberLoader.load(),
        GcpLoader.load(),
        referenceDatasets());
    return new BundledData(sources, GwpLoader.load(), CpiLoader.load());
  }

  /** The GWP and CPI tables have no factors but are listed, with provenance, as datasets. */
  private static FactorSource referenceDatasets() {
    return InMemoryFactorSource.builder()
        .dataset(GwpLoader.AR4)
        .dataset(GwpLoader.AR5)
        .dataset(GwpLoader.AR6)
        .dataset(CpiLoader.DATASET)
        .build();
  }
}
