package io.offgridflow.cli;

import io.offgridflow.cloud.CcfModel;
import picocli.CommandLine.Option;

/**
 * The estimation-model options every cloud command shares ({@code @Mixin}): whether embodied
 * emissions count, and whether to reproduce Cloud Carbon Footprint's known errors.
 */
final class CcfModelOptions {
  @Option(names = "--no-embodied", description = "Leave out embodied (manufacturing) emissions of instances.")
  boolean noEmbodied;

  @Option(names = "--ccf-quirks", description = "Reproduce Cloud Carbon Footprint's known errors (ByteHrs / 2^40,"
      + " embodied per family) to compare with CCF's own numbers.")
  boolean ccfQuirks;

  boolean embodied() {
    return !noEmbodied;
  }

  CcfModel model() {
    return CcfModel.builder().ccfQuirks(ccfQuirks).build();
  }
}
