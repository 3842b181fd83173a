package io.offgridflow.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offgridflow.OffGridFlowException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowAccountingTest {
  @Test
  void anUnbalancedAccountingIsRejected() {
    assertThat(new RowAccounting(10, 5, 2, 1, 2, Map.of("ignored: Tax", 2L)).read()).isEqualTo(10);
    assertThatThrownBy(() -> new RowAccounting(10, 5, 2, 1, 1, Map.of()))
        .isInstanceOf(OffGridFlowException.class).hasMessageContaining("does not balance");
  }

  @Test
  void progressRateAndEta() {
    SyncProgress p = new SyncProgress("f", 1000, 250, 1000, Duration.ofSeconds(2));
    assertThat(p.rowsPerSecond()).isEqualTo(500);
    // 750 bytes left at 250 bytes per 2 s = 6 s
    assertThat(p.eta()).contains(Duration.ofSeconds(6));
    assertThat(new SyncProgress("f", 1, 0, -1, Duration.ZERO).eta()).isEmpty();
  }

  @Test
  void cancellationThrowsWithTheCode() {
    Cancellation c = new Cancellation();
    c.throwIfCancelled("line 1");
    c.cancel();
    assertThatThrownBy(() -> c.throwIfCancelled("line 7")).isInstanceOfSatisfying(OffGridFlowException.class,
        e -> assertThat(e.code()).isEqualTo(CloudErrorCode.SYNC_CANCELLED)).hasMessageContaining("line 7");
  }
}
