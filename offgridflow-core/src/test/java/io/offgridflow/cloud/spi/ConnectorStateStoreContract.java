package io.offgridflow.cloud.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ConnectorStateStore} must do. Extend it with {@link #newStore()} returning a
 * fresh, empty store (shipped in the core test jar for hosts' own stores).
 *
 * <pre>{@code
 * class MyStoreContractTest extends ConnectorStateStoreContract {
 *   protected ConnectorStateStore newStore() { return new MyJdbcStore(dataSource); }
 * }
 * }</pre>
 */
public abstract class ConnectorStateStoreContract {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  protected abstract ConnectorStateStore newStore();

  @Test
  void emptyStoreFindsNothing() {
    ConnectorStateStore s = newStore();
    assertThat(s.find("aws-cur", "a")).isEmpty();
    assertThat(s.list("aws-cur")).isEmpty();
  }

  @Test
  void putReplacesTheSameSourceAndKeepsConnectorsApart() {
    ConnectorStateStore s = newStore();
    s.put(new Checkpoint("aws-cur", "b", "f1", 10, T0));
    s.put(new Checkpoint("aws-cur", "a", "f1", 5, T0));
    s.put(new Checkpoint("aws-cur", "b", "f2", 12, T0.plusSeconds(1)));
    s.put(new Checkpoint("azure", "b", "z", 1, T0));
    assertThat(s.find("aws-cur", "b")).hasValueSatisfying(c -> {
      assertThat(c.fingerprint()).isEqualTo("f2");
      assertThat(c.rows()).isEqualTo(12);
    });
    assertThat(s.list("aws-cur")).extracting(Checkpoint::sourceKey).containsExactly("a", "b");
    assertThat(s.list("azure")).hasSize(1);
  }

  @Test
  void putAllStoresEveryCheckpointAndReplacesExistingOnes() {
    ConnectorStateStore s = newStore();
    s.put(new Checkpoint("aws-cur", "a", "old", 1, T0));
    s.putAll(List.of(new Checkpoint("aws-cur", "a", "new", 2, T0.plusSeconds(5)),
        new Checkpoint("aws-cur", "b", "f", 3, T0.plusSeconds(5))));
    assertThat(s.list("aws-cur")).containsExactly(
        new Checkpoint("aws-cur", "a", "new", 2, T0.plusSeconds(5)),
        new Checkpoint("aws-cur", "b", "f", 3, T0.plusSeconds(5)));
    s.putAll(List.of());
    assertThat(s.list("aws-cur")).hasSize(2);
  }

  @Test
  void concurrentPutsAreAllKept() throws Exception {
    ConnectorStateStore s = newStore();
    ExecutorService ex = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = i;
        fs.add(ex.submit(() -> s.put(new Checkpoint("c", String.format("k%03d", n), "f", n, T0))));
      }
      for (Future<?> f : fs) {
        f.get(10, TimeUnit.SECONDS);
      }
    } finally {
      ex.shutdown();
    }
    assertThat(s.list("c")).hasSize(200);
  }
}
