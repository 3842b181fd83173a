package io.offgridflow.billing.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.billing.UsageRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link UsageOutbox} must show (shipped in the test jar); stores start empty. */
public abstract class UsageOutboxContract {
  private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");
  private UsageOutbox outbox;

  protected abstract UsageOutbox newOutbox();

  @BeforeEach
  void createOutbox() {
    outbox = newOutbox();
  }

  private static UsageRecord record(String id, int secondsAfterT0) {
    return new UsageRecord(id, "acme", "activity_rows", 10 + secondsAfterT0, T0.plusSeconds(secondsAfterT0));
  }

  @Test
  void appendIsIdempotentByIdentifier() {
    assertThat(outbox.append(record("u1", 0))).isTrue();
    assertThat(outbox.append(record("u1", 5))).isFalse();
    assertThat(outbox.pendingCount()).isEqualTo(1);
    assertThat(outbox.pending(10)).containsExactly(record("u1", 0));
  }

  @Test
  void pendingIsOldestFirstAndLimited() {
    outbox.append(record("late", 30));
    outbox.append(record("early", 10));
    outbox.append(record("middle", 20));
    assertThat(outbox.pending(2)).extracting(UsageRecord::identifier).containsExactly("early", "middle");
    assertThat(outbox.pending(10)).hasSize(3);
  }

  @Test
  void sentRecordsLeaveTheQueueForGood() {
    outbox.append(record("a", 1));
    outbox.append(record("b", 2));
    outbox.markSent(List.of("a"), T0);
    assertThat(outbox.pending(10)).extracting(UsageRecord::identifier).containsExactly("b");
    assertThat(outbox.pendingCount()).isEqualTo(1);
    assertThat(outbox.append(record("a", 1))).as("a sent identifier is not queued again").isFalse();
  }

  @Test
  void rejectedRecordsAreParkedWithTheirReason() {
    outbox.append(record("bad", 1));
    outbox.append(record("good", 2));
    outbox.markRejected("bad", "no meter named activity_rows", T0);
    assertThat(outbox.pending(10)).extracting(UsageRecord::identifier).containsExactly("good");
    assertThat(outbox.rejected(10)).singleElement().satisfies(r -> {
      assertThat(r.record()).isEqualTo(record("bad", 1));
      assertThat(r.reason()).isEqualTo("no meter named activity_rows");
    });
  }
}
