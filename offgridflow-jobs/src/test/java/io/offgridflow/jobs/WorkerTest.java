package io.offgridflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.offgridflow.jobs.memory.InMemoryJobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerTest {
  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  record Item(int n) {}

  final MutableClock clock = new MutableClock(T0);
  final InMemoryJobStore store = new InMemoryJobStore();
  final JobClient client = JobClient.builder().store(store).clock(clock).build();
  final List<Worker> workers = new ArrayList<>();

  @AfterEach
  void stopWorkers() {
    workers.forEach(w -> w.shutdown(Duration.ofSeconds(5)));
  }

  Worker start(Worker.Builder b) {
    Worker w = b.store(store).clock(clock).pollInterval(Duration.ofMillis(20)).build().start();
    workers.add(w);
    return w;
  }

  JobStatus status(long id) {
    return client.find("acme", id).orElseThrow().status();
  }

  long count(JobStatus s) {
    return client.query(JobQuery.forTenant("acme").statuses(Set.of(s)).limit(10_000).build()).size();
  }

  @Test
  void runsEveryJobOnceAndStoresItsSuccess() {
    Map<Integer, AtomicInteger> runs = new ConcurrentHashMap<>();
    List<JobRequest> requests = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      requests.add(JobRequest.builder("acme", "item").payload(new Item(i)).build());
    }
    client.enqueueAll(requests);

    start(Worker.builder().concurrency(5).handler("item", Item.class,
        (item, ctx) -> runs.computeIfAbsent(item.n(), n -> new AtomicInteger()).incrementAndGet()));

    Await.until("300 jobs succeeded", () -> count(JobStatus.SUCCEEDED) == 300);
    assertThat(runs).hasSize(300);
    assertThat(runs.values()).allMatch(c -> c.get() == 1);
  }

  @Test
  void handsJsonNodePayloadsAndContextToTheHandler() {
    long id = client.enqueue(JobRequest.builder("acme", "raw").payload(Map.of("k", List.of(1, 2))).maxAttempts(3)
        .build()).id();
    Map<String, Object> seen = new ConcurrentHashMap<>();
    start(Worker.builder().handler("raw", JsonNode.class, (json, ctx) -> {
      seen.put("k", json.get("k").get(1).asInt());
      seen.put("id", ctx.jobId());
      seen.put("tenant", ctx.tenantId());
      seen.put("attempt", ctx.attempt());
      seen.put("last", ctx.isLastAttempt());
      ctx.progress(0.5);
    }));
    Await.until("job succeeded", () -> status(id) == JobStatus.SUCCEEDED);
    assertThat(seen).containsEntry("k", 2).containsEntry("id", id).containsEntry("tenant", "acme")
        .containsEntry("attempt", 1).containsEntry("last", false);
    assertThat(client.find("acme", id).orElseThrow().progress()).isEqualTo(0.5);
  }

  @Test
  void anUnreadablePayloadMakesTheJobDeadAtOnce() {
    long id = client.enqueue(JobRequest.builder("acme", "item").payload(Map.of("n", "not a number")).build()).id();
    start(Worker.builder().handler("item", Item.class, (item, ctx) -> { }));
    Await.until("job dead", () -> status(id) == JobStatus.DEAD);
    JobRecord r = client.find("acme", id).orElseThrow();
    assertThat(r.attempt()).isEqualTo(1);
    assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("cannot be read as")
        .contains(Item.class.getName()));
  }

  @Test
  void onlyTheConfiguredQueuesAndTypesAreClaimed() {
    long other = client.enqueue(JobRequest.builder("acme", "item").queue("reports").build()).id();
    long unknown = client.enqueue(JobRequest.builder("acme", "nobody-handles-this").build()).id();
    long mine = client.enqueue(JobRequest.builder("acme", "item").payload(new Item(1)).build()).id();
    start(Worker.builder().handler("item", Item.class, (item, ctx) -> { }));
    Await.until("job succeeded", () -> status(mine) == JobStatus.SUCCEEDED);
    assertThat(status(other)).isEqualTo(JobStatus.AVAILABLE);
    assertThat(status(unknown)).isEqualTo(JobStatus.AVAILABLE);
  }

  @Test
  void invalidConfigurationIsRejected() {
    assertThatThrownBy(() -> Worker.builder().store(store).build())
        .isInstanceOfSatisfying(JobException.class, e -> {
          assertThat(e.code()).isEqualTo(JobsErrorCode.INVALID_CONFIGURATION);
          assertThat(e.getMessage()).contains("handler");
        });
    assertThatThrownBy(() -> Worker.builder().store(store).handler("t", Item.class, (i, c) -> { })
        .leaseDuration(Duration.ofSeconds(10)).heartbeatInterval(Duration.ofSeconds(6)).build())
        .hasMessageContaining("half the lease");
  }

  @Test
  void defaultRecoveryIsUnderThirtySecondsAndConfigurableDownToFive() {
    Worker defaults = Worker.builder().store(store).handler("t", Item.class, (i, c) -> { }).build();
    assertThat(defaults.worstCaseRecovery()).isLessThanOrEqualTo(Duration.ofSeconds(30));
    Worker fast = Worker.builder().store(store).handler("t", Item.class, (i, c) -> { })
        .recoveryWithin(Duration.ofSeconds(5)).build();
    assertThat(fast.worstCaseRecovery()).isLessThanOrEqualTo(Duration.ofSeconds(5));
    defaults.shutdown(Duration.ZERO);
    fast.shutdown(Duration.ZERO);
  }

  @Test
  void aKilledWorkersJobRunsElsewhereAfterItsLeaseExpires() {
    long id = client.enqueue(JobRequest.builder("acme", "item").payload(new Item(1)).build()).id();
    // A "dead" worker: it claimed the job and then never heartbeats or completes.
    store.claim(new io.offgridflow.jobs.spi.ClaimRequest("dead-worker", Set.of("default"), Set.of("item"), 1, T0,
        Duration.ofSeconds(20), Integer.MAX_VALUE, Map.of()));
    AtomicInteger runs = new AtomicInteger();
    start(Worker.builder().handler("item", Item.class, (item, ctx) -> runs.incrementAndGet())
        .rescueInterval(Duration.ofMillis(20)));
    clock.advance(Duration.ofSeconds(19));
    assertThat(status(id)).isEqualTo(JobStatus.RUNNING);
    clock.advance(Duration.ofSeconds(2));
    Await.until("rescued job succeeded", () -> status(id) == JobStatus.SUCCEEDED);
    JobRecord r = client.find("acme", id).orElseThrow();
    assertThat(r.attempt()).isEqualTo(2);
    assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.workerId()).isEqualTo("dead-worker"));
    assertThat(runs).hasValue(1);
  }
}
