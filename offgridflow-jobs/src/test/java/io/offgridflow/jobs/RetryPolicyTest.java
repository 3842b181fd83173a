package io.offgridflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offgridflow.CoreErrorCode;
import io.offgridflow.OffGridFlowException;
import java.io.IOException;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void theDefaultDoublesFromOneMinuteToAThirtyMinuteCap() {
    RetryPolicy p = RetryPolicy.defaults();
    assertThat(p.delay(1, 0)).isEqualTo(Duration.ofMinutes(1));
    assertThat(p.delay(2, 0)).isEqualTo(Duration.ofMinutes(2));
    assertThat(p.delay(3, 0)).isEqualTo(Duration.ofMinutes(4));
    assertThat(p.delay(5, 0)).isEqualTo(Duration.ofMinutes(16));
    assertThat(p.delay(6, 0)).isEqualTo(Duration.ofMinutes(30));
    assertThat(p.delay(60, 0)).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void jitterOnlyShortensTheDelay() {
    RetryPolicy p = RetryPolicy.defaults();
    assertThat(p.delay(1, 0.5)).isEqualTo(Duration.ofSeconds(54));
    assertThat(p.delay(6, 0.999_999)).isGreaterThanOrEqualTo(Duration.ofMinutes(24)).isLessThan(Duration.ofMinutes(30));
  }

  @Property
  void delaysStayBetweenTheJitterFloorAndTheCap(
      @ForAll @IntRange(min = 1, max = 200) int attempt, @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false)
      double random) {
    RetryPolicy p = RetryPolicy.defaults();
    Duration d = p.delay(attempt, random);
    Duration exact = p.delay(attempt, 0);
    assertThat(d).isLessThanOrEqualTo(exact).isLessThanOrEqualTo(Duration.ofMinutes(30));
    assertThat(d.toMillis()).isGreaterThanOrEqualTo(Math.round(exact.toMillis() * 0.8) - 1);
    if (attempt > 1) {
      assertThat(exact).isGreaterThanOrEqualTo(p.delay(attempt - 1, 0));
    }
  }

  @Test
  void nonRetryableErrorsAreRecognised() {
    RetryPolicy p = RetryPolicy.defaults();
    assertThat(p.isRetryable(new IOException("reset"))).isTrue();
    assertThat(p.isRetryable(new NonRetryableException("gone"))).isFalse();
    assertThat(p.isRetryable(new OffGridFlowException(CoreErrorCode.INVALID_ACTIVITY, "bad"))).isFalse();
    assertThat(p.isRetryable(new OffGridFlowException(CoreErrorCode.IO_FAILURE, "disk"))).isTrue();
    RetryPolicy custom = RetryPolicy.builder().nonRetryable(IllegalArgumentException.class::isInstance).build();
    assertThat(custom.isRetryable(new IllegalArgumentException())).isFalse();
    assertThat(custom.isRetryable(new NonRetryableException("x"))).isTrue();
  }

  @Test
  void invalidPoliciesAreRejected() {
    assertThatThrownBy(() -> RetryPolicy.builder().maxDelay(Duration.ofSeconds(1)).build())
        .isInstanceOf(JobException.class).hasMessageContaining("maxDelay");
    assertThatThrownBy(() -> RetryPolicy.builder().jitter(1.5).build()).isInstanceOf(JobException.class);
    assertThatThrownBy(() -> RetryPolicy.defaults().delay(0, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
