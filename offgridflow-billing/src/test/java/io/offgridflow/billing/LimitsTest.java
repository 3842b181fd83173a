package io.offgridflow.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offgridflow.billing.store.InMemoryBillingStateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LimitsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2025-06-30T23:59:00Z"));
  private final InMemoryBillingStateStore store = new InMemoryBillingStateStore();
  private final Entitlements entitlements = Entitlements.builder().catalog(PlanCatalog.defaults())
      .stateStore(store).clock(clock).build();
  private final Limits limits = Limits.builder(entitlements).clock(clock).build();
  private final long freeRows = PlanCatalog.defaults().plan("free").allowance(Limit.ACTIVITY_ROWS_PER_MONTH);

  @Test
  void overLimitErrorCarriesAllowanceAndCurrentUse() {
    limits.consume("acme", Limit.ACTIVITY_ROWS_PER_MONTH, freeRows - 10);
    assertThatThrownBy(() -> limits.consume("acme", Limit.ACTIVITY_ROWS_PER_MONTH, 11))
        .isInstanceOfSatisfying(LimitExceededException.class, e -> {
          assertThat(e.allowed()).isEqualTo(freeRows);
          assertThat(e.currentUse()).isEqualTo(freeRows - 10);
          assertThat(e.requested()).isEqualTo(11);
          assertThat(e.getMessage()).contains("activity_rows_per_month").contains(Long.toString(freeRows));
        });
    assertThat(limits.use("acme", Limit.ACTIVITY_ROWS_PER_MONTH)).as("a refused call changes nothing")
        .isEqualTo(freeRows - 10);
    assertThat(limits.consume("acme", Limit.ACTIVITY_ROWS_PER_MONTH, 10)).isEqualTo(freeRows);
  }

  @Test
  void monthlyLimitsStartAgainNextMonthHeldOnesDoNot() {
    limits.consume("acme", Limit.ACTIVITY_ROWS_PER_MONTH, freeRows);
    limits.consume("acme", Limit.SEATS, 2);
    clock.advance(Duration.ofMinutes(1)); // 2025-07-01T00:00Z
    assertThat(limits.use("acme", Limit.ACTIVITY_ROWS_PER_MONTH)).isZero();
    assertThat(limits.use("acme", Limit.SEATS)).isEqualTo(2);
    assertThatThrownBy(() -> limits.consume("acme", Limit.SEATS, 1)).isInstanceOf(LimitExceededException.class);
    limits.release("acme", Limit.SEATS, 1);
    assertThat(limits.consume("acme", Limit.SEATS, 1)).isEqualTo(2);
  }

  @Test
  void upgradeRaisesTheAllowanceAtOnce() {
    assertThatThrownBy(() -> limits.consume("acme", Limit.CONNECTORS, 5)).isInstanceOf(LimitExceededException.class);
    entitlements.refresh(store.update("acme", "free", s -> s.toBuilder().status(SubscriptionStatus.ACTIVE)
        .planId("enterprise").build()).after());
    assertThat(limits.consume("acme", Limit.CONNECTORS, 5)).isEqualTo(5);
    assertThat(limits.remaining("acme", Limit.CONNECTORS)).isEqualTo(Plan.UNLIMITED);
  }

  @Test
  void concurrentConsumersNeverExceedTheAllowance() throws InterruptedException {
    long seats = PlanCatalog.defaults().plan("free").allowance(Limit.SEATS);
    AtomicInteger granted = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int i = 0; i < 1000; i++) {
      pool.execute(() -> {
        try {
          limits.consume("acme", Limit.SEATS, 1);
          granted.incrementAndGet();
        } catch (LimitExceededException expected) {
          // the other 998 attempts
        }
      });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    assertThat(granted.get()).isEqualTo(seats);
    assertThat(limits.use("acme", Limit.SEATS)).isEqualTo(seats);
  }

  @Test
  void nonPositiveAmountsAreRefusedByName() {
    assertThatThrownBy(() -> limits.consume("acme", Limit.SEATS, 0)).hasMessageContaining("amount 0")
        .hasMessageContaining("seats");
  }
}
