package io.offgridflow.jobs.spi;

import java.util.List;
import java.util.Set;

/**
 * The answer to {@link JobStore#completeAndClaim}: what the completion half did not apply and what
 * the claim half took.
 *
 * @param notApplied ids of completions that were not applied (their lease was lost), as {@link
 *     JobStore#complete} returns them
 * @param claimed the newly claimed jobs, in claim order, as {@link JobStore#claim} returns them
 */
public record CompleteAndClaim(Set<Long> notApplied, List<ClaimedJob> claimed) {
  public CompleteAndClaim {
    notApplied = Set.copyOf(notApplied);
    claimed = List.copyOf(claimed);
  }
}
