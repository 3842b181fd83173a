package io.offgridflow.calc;

import io.offgridflow.OffGridFlowException;
import java.util.List;

/**
 * Outcome of {@link Calculator#calculateAll}: every activity is either in {@link #results()} or
 * in {@link #failures()}, never lost.
 */
public record BatchResult(List<EmissionResult> results, List<Failure> failures) {

  /**
   * An activity that could not be calculated.
   *
   * @param index position of the activity in the batch
   */
  public record Failure(int index, Activity activity, OffGridFlowException error) {}

  public BatchResult {
    results = List.copyOf(results);
    failures = List.copyOf(failures);
  }

  public boolean allSucceeded() {
    return failures.isEmpty();
  }
}
