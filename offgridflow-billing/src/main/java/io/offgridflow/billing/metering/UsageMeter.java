package io.offgridflow.billing.metering;

import io.offgridflow.billing.UsageRecord;
import io.offgridflow.billing.spi.UsageOutbox;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Records metered usage locally, in the host's own request path: one outbox insert, no network.
 * A {@link MeterEventFlusher} later sends it to the gateway. Pass an identifier derived from the
 * host's own operation (e.g. the import job id) so that a retried host request records usage once.
 *
 * <pre>{@code
 * UsageMeter meter = UsageMeter.builder().outbox(outbox).build();
 * meter.record("import-" + jobId, tenantId, "activity_rows", rows.size());
 * }</pre>
 */
public final class UsageMeter {
  private final UsageOutbox outbox;
  private final Clock clock;

  private UsageMeter(UsageOutbox outbox, Clock clock) {
    this.outbox = outbox;
    this.clock = clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Records usage under the host's identifier.
   *
   * @return false when usage with this identifier was recorded before (nothing is added)
   */
  public boolean record(String identifier, String tenantId, String meterEventName, long value) {
    return outbox.append(new UsageRecord(identifier, tenantId, meterEventName, value, clock.instant()));
  }

  /** Records usage under a fresh random identifier (use {@link #record(String, String, String, long)} for retries). */
  public UsageRecord record(String tenantId, String meterEventName, long value) {
    UsageRecord record = new UsageRecord(UUID.randomUUID().toString(), tenantId, meterEventName, value,
        clock.instant());
    outbox.append(record);
    return record;
  }

  /** Configures a {@link UsageMeter}; the outbox is required. */
  public static final class Builder {
    private @Nullable UsageOutbox outbox;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    public Builder outbox(UsageOutbox outbox) {
      this.outbox = outbox;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public UsageMeter build() {
      return new UsageMeter(Objects.requireNonNull(outbox, "UsageMeter needs outbox(UsageOutbox)"), clock);
    }
  }
}
