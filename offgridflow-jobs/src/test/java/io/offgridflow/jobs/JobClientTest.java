package io.offgridflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.offgridflow.jobs.memory.InMemoryJobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobClientTest {
  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  record Render(String report, int year) {}

  final MutableClock clock = new MutableClock(T0);
  final InMemoryJobStore store = new InMemoryJobStore();
  final JobClient client = JobClient.builder().store(store).clock(clock).build();

  @Test
  void enqueueAppliesDefaultsAndWritesThePayloadAsJson() {
    Enqueued e = client.enqueue(JobRequest.builder("acme", "report.render").payload(new Render("ghg", 2025)).build());

    assertThat(e.created()).isTrue();
    JobRecord r = client.find("acme", e.id()).orElseThrow();
    assertThat(r.payload()).isEqualTo("{\"report\":\"ghg\",\"year\":2025}");
    assertThat(r.queue()).isEqualTo("default");
    assertThat(r.priority()).isZero();
    assertThat(r.maxAttempts()).isEqualTo(JobClient.DEFAULT_MAX_ATTEMPTS);
    assertThat(r.timeout()).isEqualTo(JobClient.DEFAULT_TIMEOUT);
    assertThat(r.runAt()).isEqualTo(T0);
    assertThat(r.createdAt()).isEqualTo(T0);
    assertThat(r.status()).isEqualTo(JobStatus.AVAILABLE);
  }

  @Test
  void everyOptionReachesTheStore() {
    ObjectNode node = new ObjectMapper().createObjectNode().put("k", "v");
    Enqueued e = client.enqueue(JobRequest.builder("acme", "t").payload(node).queue("mail").priority(-2)
        .maxAttempts(4).timeout(Duration.ofSeconds(9)).runIn(Duration.ofMinutes(5)).uniqueKey("u1").build());

    JobRecord r = client.find("acme", e.id()).orElseThrow();
    assertThat(r.payload()).isEqualTo("{\"k\":\"v\"}");
    assertThat(r.queue()).isEqualTo("mail");
    assertThat(r.priority()).isEqualTo(-2);
    assertThat(r.maxAttempts()).isEqualTo(4);
    assertThat(r.timeout()).isEqualTo(Duration.ofSeconds(9));
    assertThat(r.runAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    assertThat(r.status()).isEqualTo(JobStatus.SCHEDULED);
    assertThat(r.uniqueKey()).isEqualTo("u1");

    Enqueued at = client.enqueue(JobRequest.builder("acme", "t").runAt(T0.plusSeconds(7)).runIn(Duration.ofDays(1))
        .build());
    assertThat(client.find("acme", at.id()).orElseThrow().runAt()).as("runAt wins over runIn")
        .isEqualTo(T0.plusSeconds(7));
  }

  @Test
  void aSecondEnqueueWithTheSameUniqueKeyIsANoOp() {
    Enqueued first = client.enqueue(JobRequest.builder("acme", "t").uniqueKey("k").build());
    Enqueued second = client.enqueue(JobRequest.builder("acme", "t").uniqueKey("k").payload(new Render("x", 1)).build());
    Enqueued other = client.enqueue(JobRequest.builder("globex", "t").uniqueKey("k").build());
    assertThat(second).isEqualTo(new Enqueued(first.id(), false));
    assertThat(other.created()).isTrue();
    assertThat(client.find("acme", first.id()).orElseThrow().payload()).isEqualTo("{}");
  }

  @Test
  void batchEnqueueKeepsOrder() {
    List<Enqueued> out = client.enqueueAll(List.of(
        JobRequest.builder("acme", "a").build(),
        JobRequest.builder("acme", "b").uniqueKey("k").build(),
        JobRequest.builder("acme", "c").uniqueKey("k").build()));
    assertThat(out).hasSize(3);
    assertThat(client.find("acme", out.get(0).id()).orElseThrow().type()).isEqualTo("a");
    assertThat(client.find("acme", out.get(1).id()).orElseThrow().type()).isEqualTo("b");
    assertThat(out.get(2)).isEqualTo(new Enqueued(out.get(1).id(), false));
    assertThat(client.enqueueAll(List.of())).isEmpty();
  }

  @Test
  void anUnwritablePayloadFailsTheWholeBatchNamingTheType() {
    Object unwritable = new Object();
    assertThatThrownBy(() -> client.enqueueAll(List.of(
        JobRequest.builder("acme", "ok").build(),
        JobRequest.builder("acme", "bad.type").payload(unwritable).build())))
        .isInstanceOfSatisfying(JobException.class, e -> {
          assertThat(e.code()).isEqualTo(JobsErrorCode.PAYLOAD_UNWRITABLE);
          assertThat(e.getMessage()).contains("bad.type").contains("acme");
        });
    assertThat(client.query(JobQuery.forTenant("acme").build())).isEmpty();
  }

  @Test
  void invalidRequestsAreRejectedWithACode() {
    assertThatThrownBy(() -> JobRequest.builder("acme", " ").build())
        .isInstanceOfSatisfying(JobException.class, e -> assertThat(e.code()).isEqualTo(JobsErrorCode.INVALID_JOB));
    assertThatThrownBy(() -> JobRequest.builder("", "t").build()).isInstanceOf(JobException.class);
    assertThatThrownBy(() -> JobRequest.builder("acme", "t").maxAttempts(0).build())
        .hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> JobRequest.builder("acme", "t").timeout(Duration.ZERO).build())
        .hasMessageContaining("timeout");
    assertThatThrownBy(() -> JobClient.builder().build())
        .isInstanceOfSatisfying(JobException.class,
            e -> assertThat(e.code()).isEqualTo(JobsErrorCode.INVALID_CONFIGURATION));
  }

  @Test
  void cancelFindAndQueryAreTenantScoped() {
    long id = client.enqueue(JobRequest.builder("acme", "t").build()).id();
    assertThat(client.cancel("globex", id)).isFalse();
    assertThat(client.find("globex", id)).isEmpty();
    assertThat(client.cancel("acme", id)).isTrue();
    assertThat(client.query(JobQuery.forTenant("acme").statuses(Set.of(JobStatus.CANCELLED)).build()))
        .extracting(JobRecord::id).containsExactly(id);
  }

  @Test
  void purgeKeepsRecentFinishedJobsAndEverythingUnfinished() {
    long old = client.enqueue(JobRequest.builder("acme", "t").build()).id();
    long waiting = client.enqueue(JobRequest.builder("acme", "t").build()).id();
    client.cancel("acme", old);
    clock.advance(Duration.ofDays(31));
    long recent = client.enqueue(JobRequest.builder("acme", "t").build()).id();
    client.cancel("acme", recent);

    assertThat(client.purge(Duration.ofDays(30))).isEqualTo(1);
    assertThat(client.find("acme", old)).isEmpty();
    assertThat(client.find("acme", recent)).isPresent();
    assertThat(client.find("acme", waiting)).isPresent();
    assertThatThrownBy(() -> client.purge(T0, Set.of(JobStatus.RUNNING))).isInstanceOf(JobException.class);
  }
}
