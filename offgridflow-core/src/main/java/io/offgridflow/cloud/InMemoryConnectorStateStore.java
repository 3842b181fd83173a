package io.offgridflow.cloud;

import io.offgridflow.cloud.spi.Checkpoint;
import io.offgridflow.cloud.spi.ConnectorStateStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;

/**
 * The embedded {@link ConnectorStateStore}: checkpoints in memory, gone when the JVM stops.
 *
 * <pre>{@code
 * ConnectorStateStore store = new InMemoryConnectorStateStore();
 * }</pre>
 */
public final class InMemoryConnectorStateStore implements ConnectorStateStore {
  // Keyed connector id, NUL, source key: sorts by connector then source, which list() relies on.
  private final Map<String, Checkpoint> byKey = new ConcurrentSkipListMap<>();

  @Override
  public Optional<Checkpoint> find(String connectorId, String sourceKey) {
    return Optional.ofNullable(byKey.get(connectorId + '\0' + sourceKey));
  }

  @Override
  public void put(Checkpoint c) {
    byKey.put(c.connectorId() + '\0' + c.sourceKey(), c);
  }

  @Override
  public List<Checkpoint> list(String connectorId) {
    return byKey.values().stream().filter(c -> c.connectorId().equals(connectorId)).collect(Collectors.toList());
  }
}
