package io.offgridflow.billing.metering;

import io.offgridflow.billing.BillingErrorCode;
import io.offgridflow.billing.BillingException;
import io.offgridflow.billing.BillingState;
import io.offgridflow.billing.UsageRecord;
import io.offgridflow.billing.gateway.BillingGateway;
import io.offgridflow.billing.internal.BillingTelemetry;
import io.offgridflow.billing.spi.BillingStateStore;
import io.offgridflow.billing.spi.UsageOutbox;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends pending usage from the {@link UsageOutbox} to the gateway as meter events, a batch at a
 * time, oldest first. A record leaves the outbox only once the gateway accepted it. On a retryable
 * failure (outage, rate limit) the flush stops and everything not yet accepted stays pending for the
 * next flush, so an outage loses nothing; a resend after a crash is counted once because the
 * record's identifier is the meter event's identifier. A record the gateway refuses for good, or
 * whose tenant has no customer, is parked with the reason ({@link UsageOutbox#rejected}). The host
 * schedules {@link #flush()} (e.g. every few seconds from its scheduler or the jobs module).
 *
 * <pre>{@code
 * MeterEventFlusher flusher = MeterEventFlusher.builder()
 *     .outbox(outbox).stateStore(states).gateway(stripe).batchSize(100).build();
 * scheduler.scheduleWithFixedDelay(flusher::flush, 5, 5, TimeUnit.SECONDS);
 * }</pre>
 */
public final class MeterEventFlusher {
  private static final Logger LOG = LoggerFactory.getLogger(MeterEventFlusher.class);

  private final UsageOutbox outbox;
  private final BillingStateStore states;
  private final BillingGateway gateway;
  private final Clock clock;
  private final int batchSize;
  private final BillingTelemetry telemetry;

  private MeterEventFlusher(UsageOutbox outbox, BillingStateStore states, BillingGateway gateway, Clock clock,
      int batchSize, BillingTelemetry telemetry) {
    this.outbox = outbox;
    this.states = states;
    this.gateway = gateway;
    this.clock = clock;
    this.batchSize = batchSize;
    this.telemetry = telemetry;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Sends one batch. */
  public FlushResult flush() {
    List<UsageRecord> batch = outbox.pending(batchSize);
    List<String> sent = new ArrayList<>();
    int rejected = 0;
    boolean unavailable = false;
    // A batch is usually a few tenants' usage: one state read per tenant, not per record.
    Map<String, Optional<String>> customers = new HashMap<>();
    try {
      for (UsageRecord record : batch) {
        Optional<String> customer = customers.computeIfAbsent(record.tenantId(),
            tenant -> states.find(tenant).flatMap(BillingState::customerId));
        if (customer.isEmpty()) {
          reject(record, "tenant '" + record.tenantId() + "' has no Stripe customer; create one before metering");
          rejected++;
          continue;
        }
        try {
          gateway.sendMeterEvent(record, customer.get());
          sent.add(record.identifier());
        } catch (BillingException e) {
          if (e.isRetryable()) {
            telemetry.meterEventFailed("retryable");
            LOG.warn("meter events: gateway unavailable after {} of {} records, the rest stay pending: {}",
                sent.size(), batch.size(), e.getMessage());
            unavailable = true;
            break;
          }
          reject(record, e.getMessage());
          rejected++;
        }
      }
    } finally {
      // Even when a non-billing error escapes, what the gateway accepted is recorded as sent.
      outbox.markSent(sent, clock.instant());
      telemetry.meterEventsSent(sent.size());
    }
    return new FlushResult(sent.size(), rejected, unavailable, outbox.pendingCount());
  }

  /** Flushes batches until nothing is pending or the gateway becomes unavailable. */
  public FlushResult flushAll() {
    int sent = 0;
    int rejected = 0;
    while (true) {
      FlushResult r = flush();
      sent += r.sent();
      rejected += r.rejected();
      if (r.gatewayUnavailable() || r.pendingAfter() == 0 || r.sent() + r.rejected() == 0) {
        return new FlushResult(sent, rejected, r.gatewayUnavailable(), r.pendingAfter());
      }
    }
  }

  private void reject(UsageRecord record, String reason) {
    telemetry.meterEventFailed("rejected");
    LOG.error("meter event {} of tenant '{}' rejected: {}", record.identifier(), record.tenantId(), reason);
    outbox.markRejected(record.identifier(), reason, clock.instant());
  }

  /** Configures a {@link MeterEventFlusher}; outbox, state store and gateway are required. */
  public static final class Builder {
    private @Nullable UsageOutbox outbox;
    private @Nullable BillingStateStore states;
    private @Nullable BillingGateway gateway;
    private Clock clock = Clock.systemUTC();
    private int batchSize = 100;
    private OpenTelemetry openTelemetry = OpenTelemetry.noop();

    private Builder() {}

    public Builder outbox(UsageOutbox outbox) {
      this.outbox = outbox;
      return this;
    }

    public Builder stateStore(BillingStateStore states) {
      this.states = states;
      return this;
    }

    public Builder gateway(BillingGateway gateway) {
      this.gateway = gateway;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder batchSize(int batchSize) {
      if (batchSize < 1 || batchSize > 10_000) {
        throw new BillingException(BillingErrorCode.INVALID_CONFIGURATION, "batchSize " + batchSize
            + " must be 1-10000");
      }
      this.batchSize = batchSize;
      return this;
    }

    public Builder openTelemetry(OpenTelemetry openTelemetry) {
      this.openTelemetry = openTelemetry;
      return this;
    }

    public MeterEventFlusher build() {
      if (outbox == null || states == null || gateway == null) {
        throw new BillingException(BillingErrorCode.INVALID_CONFIGURATION,
            "MeterEventFlusher needs outbox(...), stateStore(...) and gateway(...)");
      }
      return new MeterEventFlusher(outbox, states, gateway, clock, batchSize, new BillingTelemetry(openTelemetry));
    }
  }
}
