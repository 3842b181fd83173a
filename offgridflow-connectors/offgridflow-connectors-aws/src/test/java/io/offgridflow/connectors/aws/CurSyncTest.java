package io.offgridflow.connectors.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.Cancellation;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.cloud.InMemoryConnectorStateStore;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.cloud.SyncProgress;
import io.offgridflow.connectors.aws.fixtures.CurGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints, progress and cancellation. */
class CurSyncTest {
  @TempDir static Path shared;
  static Path big;

  /** One 140,000-row file (more than two 65,536-row progress checks) for the progress and cancel tests. */
  @org.junit.jupiter.api.BeforeAll
  static void generate() throws IOException {
    big = shared.resolve("big.csv.gz");
    CurGenerator.builder().rows(140_000).seed(4).build().writeGzip(big);
  }

  /** A clock that moves one second each time it is read, so progress is reported at every check. */
  static Clock ticking() {
    return new Clock() {
      long t;

      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return Instant.ofEpochSecond(1_700_000_000L + t++);
      }
    };
  }

  @Test
  void aRerunNeverCountsTheSameBillTwiceAndAChangedBillSupersedes(@TempDir Path dir) throws IOException {
    Path a = dir.resolve("a.csv.gz");
    Path b = dir.resolve("b.csv.gz");
    CurGenerator.builder().rows(3000).seed(1).build().writeGzip(a);
    CurGenerator.builder().rows(2000).seed(2).build().writeGzip(b);
    InMemoryConnectorStateStore store = new InMemoryConnectorStateStore();
    CurConnector c = CurConnector.builder().file(a).file(b).build();
    CurResult first = c.sync(SyncContext.builder().stateStore(store).build());
    assertThat(first.accounting().read()).isEqualTo(5000);
    assertThat(first.sources()).extracting(SourceOutcome::status)
        .containsExactly(SourceOutcome.Status.COUNTED, SourceOutcome.Status.COUNTED);

    CurResult again = c.sync(SyncContext.builder().stateStore(store).build());
    assertThat(again.accounting().read()).isZero();
    assertThat(again.totalKwh()).isZero();
    assertThat(again.sources()).extracting(SourceOutcome::status)
        .containsOnly(SourceOutcome.Status.SKIPPED_ALREADY_COUNTED);

    CurGenerator.builder().rows(2500).seed(3).build().writeGzip(b); // AWS re-delivers the month
    CurResult third = c.sync(SyncContext.builder().stateStore(store).build());
    assertThat(third.accounting().read()).isEqualTo(2500);
    assertThat(third.sources()).extracting(SourceOutcome::status)
        .containsExactly(SourceOutcome.Status.SKIPPED_ALREADY_COUNTED, SourceOutcome.Status.SUPERSEDED);
    assertThat(store.list("aws-cur")).hasSize(2);
  }

  @Test
  void cancellationStopsTheSyncAndCommitsNoCheckpoint() {
    Path f = big;
    InMemoryConnectorStateStore store = new InMemoryConnectorStateStore();
    Cancellation cancel = new Cancellation();
    List<SyncProgress> seen = new ArrayList<>();
    SyncContext ctx = SyncContext.builder().stateStore(store).clock(ticking()).cancellation(cancel)
        .progress(p -> {
          seen.add(p);
          cancel.cancel();
        }).build();
    assertThatThrownBy(() -> CurConnector.builder().file(f).build().sync(ctx))
        .isInstanceOfSatisfying(OffGridFlowException.class,
            e -> assertThat(e.code()).isEqualTo(CloudErrorCode.SYNC_CANCELLED))
        .hasMessageContaining("big.csv.gz");
    assertThat(seen).isNotEmpty();
    assertThat(seen.get(0).rows()).isLessThan(140_000);
    assertThat(store.list("aws-cur")).isEmpty();
  }

  @Test
  void progressReportsRowsBytesAndEnds() throws IOException {
    Path f = big;
    List<SyncProgress> seen = new ArrayList<>();
    CurConnector.builder().file(f).build().sync(SyncContext.builder().clock(ticking()).progress(seen::add).build());
    assertThat(seen.size()).isGreaterThanOrEqualTo(3); // at 65,536 and 131,072 rows, and at the end
    assertThat(seen).extracting(SyncProgress::rows).isSorted();
    assertThat(seen.get(0).bytes()).isPositive();
    assertThat(seen.get(0).totalBytes()).isEqualTo(Files.size(f));
    assertThat(seen.get(0).eta()).isPresent();
    assertThat(seen.get(seen.size() - 1).rows()).isEqualTo(140_000);
  }
}
