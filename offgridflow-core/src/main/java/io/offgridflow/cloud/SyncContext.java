package io.offgridflow.cloud;

import io.offgridflow.cloud.spi.ConnectorStateStore;
import java.time.Clock;

/**
 * What a sync runs with: the checkpoint store, a progress listener, a cancellation flag and a clock.
 *
 * <pre>{@code
 * SyncContext ctx = SyncContext.builder()
 *     .stateStore(myJdbcStore)
 *     .progress(p -> LOG.info("{} rows", p.rows()))
 *     .build();
 * }</pre>
 */
public record SyncContext(ConnectorStateStore stateStore, ProgressListener progress, Cancellation cancellation,
    Clock clock) {

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SyncContext}; every part has an embedded default. */
  public static final class Builder {
    private ConnectorStateStore stateStore = new InMemoryConnectorStateStore();
    private ProgressListener progress = ProgressListener.NONE;
    private Cancellation cancellation = new Cancellation();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Where checkpoints live (default: a new in-memory store, i.e. nothing remembered across runs). */
    public Builder stateStore(ConnectorStateStore s) {
      this.stateStore = s;
      return this;
    }

    public Builder progress(ProgressListener p) {
      this.progress = p;
      return this;
    }

    public Builder cancellation(Cancellation c) {
      this.cancellation = c;
      return this;
    }

    public Builder clock(Clock c) {
      this.clock = c;
      return this;
    }

    public SyncContext build() {
      return new SyncContext(stateStore, progress, cancellation, clock);
    }
  }
}
