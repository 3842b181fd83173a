package io.offgridflow.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Sizing of the prefetch buffer from the observed start rate and claim round trip. */
class PrefetchTargetTest {
  static final long MS = 1_000_000L;

  /** Feeds claims {@code gapMs} apart, each {@code latencyMs} long, with {@code perClaim} jobs started between. */
  static final class Feed {
    final PrefetchTarget target;
    long now = 1_000 * MS;
    long started;

    Feed(PrefetchTarget target) {
      this.target = target;
      // The first claim only sets the baseline (and a first round-trip time like the later ones).
      target.afterClaim(20 * MS, now, 0, false);
    }

    int claim(long gapMs, long latencyMs, long startedSince, boolean emptied) {
      now += gapMs * MS;
      started += startedSince;
      target.afterClaim(latencyMs * MS, now, started, emptied);
      return target.target();
    }
  }

  @Test
  void aFixedPrefetchNeverMoves() {
    Feed f = new Feed(PrefetchTarget.fixed(4));
    assertThat(f.claim(10, 50, 10_000, false)).isEqualTo(4);
    assertThat(f.target.lowWater()).isEqualTo(2);
    assertThat(f.target.isFixed()).isTrue();
  }

  @Test
  void growsAtMostTwofoldPerClaimToCoverOneRoundTripWithHeadroom() {
    Feed f = new Feed(PrefetchTarget.adaptive(64, 10_000));
    assertThat(f.target.target()).isEqualTo(64);
    // 100 jobs started in 20 ms = 5,000 jobs/s; round trip 20 ms. Half the buffer must last one
    // round trip with headroom 2: wanted = 2 x 2 x 5,000 x 0.020 = 400 jobs.
    double wanted = PrefetchTarget.HEADROOM * 2 * (100 / 0.020) * 0.020;
    assertThat(wanted).isEqualTo(400.0);
    assertThat(f.claim(20, 20, 100, false)).as("64 doubled, not yet 400").isEqualTo(128);
    assertThat(f.claim(20, 20, 100, false)).isEqualTo(256);
    assertThat(f.claim(20, 20, 100, false)).isEqualTo((int) wanted);
    assertThat(f.claim(20, 20, 100, false)).as("steady at the wanted size").isEqualTo(400);
    assertThat(f.target.lowWater()).isEqualTo(200);
  }

  @Test
  void staysBetweenFloorAndCap() {
    Feed f = new Feed(PrefetchTarget.adaptive(10, 300));
    for (int i = 0; i < 20; i++) {
      f.claim(20, 20, 1_000, false); // wanted = 2 x 2 x 50,000/s x 0.020 s = 4,000 > cap
    }
    assertThat(f.target.target()).isEqualTo(300);
    f.claim(1_000, 20, 1, false); // slow jobs: 1 per second, wanted 0.08 < floor
    assertThat(f.target.target()).as("a falling rate is followed at once, down to the floor").isEqualTo(10);
  }

  @Test
  void anEmptiedQueueIsNoReasonToGrow() {
    Feed f = new Feed(PrefetchTarget.adaptive(16, 1_000));
    assertThat(f.claim(20, 20, 500, true)).isEqualTo(16);
  }

  @Test
  void rejectsACapBelowTheFloor() {
    assertThatThrownBy(() -> PrefetchTarget.adaptive(10, 5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("floor 10, cap 5");
  }

  @Property
  void neverLeavesItsBoundsWhateverItObserves(
      @ForAll @IntRange(min = 0, max = 200) int floor,
      @ForAll @IntRange(min = 0, max = 2_000) int extra,
      @ForAll("claims") List<long[]> claims) {
    PrefetchTarget t = PrefetchTarget.adaptive(floor, floor + extra);
    Feed f = new Feed(t);
    int before = t.target();
    for (long[] c : claims) {
      int after = f.claim(c[0], c[1], c[2], c[3] == 1);
      assertThat(after).isBetween(floor, floor + extra);
      assertThat(after).isLessThanOrEqualTo(Math.max(floor, 2 * Math.max(before, 1)));
      if (c[3] == 1) {
        assertThat(after).as("no growth on an emptied queue").isLessThanOrEqualTo(Math.max(before, floor));
      }
      before = after;
    }
  }

  /** Claims as {gap ms, round trip ms, jobs started since the last, queue emptied 0/1}. */
  @Provide
  Arbitrary<List<long[]>> claims() {
    Arbitrary<Long> gap = Arbitraries.longs().between(0, 5_000);
    Arbitrary<Long> latency = Arbitraries.longs().between(0, 2_000);
    Arbitrary<Long> started = Arbitraries.longs().between(0, 100_000);
    Arbitrary<Long> emptied = Arbitraries.longs().between(0, 1);
    return Combinators.combine(gap, latency, started, emptied)
        .as((g, l, s, e) -> new long[] {g, l, s, e}).list().ofMaxSize(30);
  }
}
