package io.offgridflow.jobs;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A tenant-scoped history query. Results come newest first (by created-at, then id).
 *
 * <pre>{@code
 * List<JobRecord> dead = client.query(JobQuery.forTenant("acme")
 *     .statuses(Set.of(JobStatus.DEAD)).type("connector.sync").createdAfter(yesterday).limit(50).build());
 * }</pre>
 *
 * @param tenantId required: no query crosses tenants
 * @param type only this type, if set
 * @param statuses only these statuses; empty for all
 * @param createdAfter inclusive lower bound on created-at, if set
 * @param createdBefore exclusive upper bound on created-at, if set
 * @param limit at most this many rows (1 to 10,000)
 */
public record JobQuery(
    String tenantId,
    @Nullable String type,
    Set<JobStatus> statuses,
    @Nullable Instant createdAfter,
    @Nullable Instant createdBefore,
    int limit) {

  public JobQuery {
    statuses = Set.copyOf(statuses);
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException("limit must be 1 to 10000, was " + limit);
    }
  }

  public Optional<String> typeFilter() {
    return Optional.ofNullable(type);
  }

  /** Starts a query for one tenant (all types and statuses, newest 100). */
  public static Builder forTenant(String tenantId) {
    return new Builder(tenantId);
  }

  /** Builds a {@link JobQuery}. */
  public static final class Builder {
    private final String tenantId;
    private @Nullable String type;
    private Set<JobStatus> statuses = Set.of();
    private @Nullable Instant createdAfter;
    private @Nullable Instant createdBefore;
    private int limit = 100;

    private Builder(String tenantId) {
      this.tenantId = tenantId;
    }

    public Builder type(String type) {
      this.type = type;
      return this;
    }

    public Builder statuses(Set<JobStatus> statuses) {
      this.statuses = statuses;
      return this;
    }

    public Builder createdAfter(Instant createdAfter) {
      this.createdAfter = createdAfter;
      return this;
    }

    public Builder createdBefore(Instant createdBefore) {
      this.createdBefore = createdBefore;
      return this;
    }

    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    public JobQuery build() {
      return new JobQuery(tenantId, type, statuses, createdAfter, createdBefore, limit);
    }
  }
}
