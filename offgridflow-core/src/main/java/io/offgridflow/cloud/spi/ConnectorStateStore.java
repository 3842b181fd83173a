package io.offgridflow.cloud.spi;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where connectors keep their checkpoints. Implementations must be thread-safe; {@link #put}
 * replaces the checkpoint of the same connector and source. {@link
 * io.offgridflow.cloud.InMemoryConnectorStateStore} is the embedded default; a host persists them
 * in its own database and runs {@code ConnectorStateStoreContract} from the core test jar.
 *
 * <pre>{@code
 * store.find("aws-cur", "/bills/2025-01.csv.gz").map(Checkpoint::fingerprint);
 * }</pre>
 */
public interface ConnectorStateStore {

  Optional<Checkpoint> find(String connectorId, String sourceKey);

  void put(Checkpoint checkpoint);

  /**
   * Stores the checkpoints of one sync together. Stores that can should make it atomic (the
   * PostgreSQL store does: all or none), so a crash mid-commit never leaves a sync half counted.
   * The default puts them one at a time.
   */
  default void putAll(Collection<Checkpoint> checkpoints) {
    for (Checkpoint c : checkpoints) {
      put(c);
    }
  }

  /** Every checkpoint of a connector, ordered by source key. */
  List<Checkpoint> list(String connectorId);
}
