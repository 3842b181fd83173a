package io.offgridflow.billing.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.billing.spi.ProcessedEventStore.ClaimResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link ProcessedEventStore} must show (shipped in the test jar). */
public abstract class ProcessedEventStoreContract {
  private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");
  private static final Duration TIMEOUT = Duration.ofMinutes(5);
  private ProcessedEventStore store;

  protected abstract ProcessedEventStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  private static String id() {
    return "evt_" + UUID.randomUUID();
  }

  @Test
  void claimThenApplyThenDuplicate() {
    String id = id();
    assertThat(store.claim(id, "invoice.paid", T0, TIMEOUT)).isEqualTo(ClaimResult.CLAIMED);
    assertThat(store.claim(id, "invoice.paid", T0.plusSeconds(1), TIMEOUT)).isEqualTo(ClaimResult.IN_PROGRESS);
    store.markApplied(id, T0.plusSeconds(2));
    assertThat(store.claim(id, "invoice.paid", T0.plusSeconds(3), TIMEOUT)).isEqualTo(ClaimResult.ALREADY_APPLIED);
    assertThat(store.find(id)).hasValueSatisfying(e -> {
      assertThat(e.eventType()).isEqualTo("invoice.paid");
      assertThat(e.appliedAt()).contains(T0.plusSeconds(2));
    });
  }

  @Test
  void releasedClaimCanBeClaimedAgainButAnAppliedEventCannotBeReleased() {
    String id = id();
    store.claim(id, "x", T0, TIMEOUT);
    store.release(id);
    assertThat(store.find(id)).isEmpty();
    assertThat(store.claim(id, "x", T0, TIMEOUT)).isEqualTo(ClaimResult.CLAIMED);
    store.markApplied(id, T0);
    store.release(id);
    assertThat(store.claim(id, "x", T0, TIMEOUT)).isEqualTo(ClaimResult.ALREADY_APPLIED);
  }

  @Test
  void aClaimSilentLongerThanTheTimeoutIsTakenOver() {
    String id = id();
    store.claim(id, "x", T0, TIMEOUT);
    assertThat(store.claim(id, "x", T0.plus(TIMEOUT), TIMEOUT)).as("exactly at the timeout").isEqualTo(ClaimResult.IN_PROGRESS);
    assertThat(store.claim(id, "x", T0.plus(TIMEOUT).plusSeconds(1), TIMEOUT)).isEqualTo(ClaimResult.CLAIMED);
  }

  @Test
  void concurrentClaimsOfOneEventHaveOneWinner() throws Exception {
    int events = 50;
    int threads = 8;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      ids.add(id());
    }
    ConcurrentHashMap<String, AtomicInteger> winners = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          for (String id : ids) {
            if (store.claim(id, "x", T0, TIMEOUT) == ClaimResult.CLAIMED) {
              winners.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            }
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(winners).hasSize(events);
    assertThat(winners.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
  }

  @Test
  void purgeForgetsOnlyOldAppliedEvents() {
    String old = id();
    String recent = id();
    String claimedOnly = id();
    store.claim(old, "x", T0, TIMEOUT);
    store.markApplied(old, T0);
    store.claim(recent, "x", T0, TIMEOUT);
    store.markApplied(recent, T0.plus(Duration.ofDays(10)));
    store.claim(claimedOnly, "x", T0, TIMEOUT);
    assertThat(store.purgeAppliedBefore(T0.plus(Duration.ofDays(1)))).isGreaterThanOrEqualTo(1);
    assertThat(store.find(old)).isEmpty();
    assertThat(store.find(recent)).isPresent();
    assertThat(store.find(claimedOnly)).isPresent();
  }
}
