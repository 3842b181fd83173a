package io.offgridflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.jobs.memory.InMemoryJobStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retry timing through a real worker, on a clock only the test moves: nothing sleeps for a backoff. */
class WorkerRetryTest {
  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  static final RetryPolicy EXACT = RetryPolicy.builder().jitter(0).build();

  record Item(int n) {}

  final MutableClock clock = new MutableClock(T0);
  final InMemoryJobStore store = new InMemoryJobStore();
  final JobClient client = JobClient.builder().store(store).clock(clock).build();
  final List<Worker> workers = new ArrayList<>();

  @AfterEach
  void stopWorkers() {
    workers.forEach(w -> w.shutdown(Duration.ofSeconds(5)));
  }

  void start(Worker.Builder b) {
    workers.add(b.store(store).clock(clock).pollInterval(Duration.ofMillis(10)).build().start());
  }

  JobRecord job(long id) {
    return client.find("acme", id).orElseThrow();
  }

  @Test
  void failedAttemptsWaitOutTheBackoffAndTheLastOneMakesTheJobDead() {
    long id = client.enqueue(JobRequest.builder("acme", "flaky").maxAttempts(3).build()).id();
    AtomicInteger runs = new AtomicInteger();
    start(Worker.builder().retryPolicy(EXACT).handler("flaky", Item.class, (p, ctx) -> {
      runs.incrementAndGet();
      throw new IOException("upstream reset on attempt " + ctx.attempt());
    }));

    Await.until("first attempt failed", () -> job(id).status() == JobStatus.RETRYING);
    assertThat(job(id).runAt()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
    assertThat(job(id).attempt()).isEqualTo(1);

    clock.advance(Duration.ofMinutes(1));
    Await.until("second attempt failed", () -> job(id).attempt() == 2 && job(id).status() == JobStatus.RETRYING);
    assertThat(job(id).runAt()).isEqualTo(T0.plus(Duration.ofMinutes(1 + 2)));

    clock.advance(Duration.ofMinutes(2));
    Await.until("job dead", () -> job(id).status() == JobStatus.DEAD);
    JobRecord r = job(id);
    assertThat(r.attempt()).isEqualTo(3);
    assertThat(r.finishedAt()).isEqualTo(T0.plus(Duration.ofMinutes(3)));
    assertThat(r.errors()).extracting(AttemptError::attempt).containsExactly(1, 2, 3);
    assertThat(r.errors()).extracting(AttemptError::message).allMatch(m -> m.startsWith("java.io.IOException"))
        .anyMatch(m -> m.contains("attempt 3"));
    assertThat(r.errors()).extracting(AttemptError::at)
        .containsExactly(T0, T0.plus(Duration.ofMinutes(1)), T0.plus(Duration.ofMinutes(3)));
    assertThat(runs).hasValue(3);
  }

  @Test
  void aRetryRunsAgainAndCanSucceed() {
    long id = client.enqueue(JobRequest.builder("acme", "flaky").build()).id();
    start(Worker.builder().retryPolicy(EXACT).handler("flaky", Item.class, (p, ctx) -> {
      if (ctx.attempt() == 1) {
        throw new IllegalStateException("first time fails");
      }
    }));
    Await.until("first attempt failed", () -> job(id).status() == JobStatus.RETRYING);
    clock.advance(Duration.ofSeconds(59));
    assertThat(job(id).status()).isEqualTo(JobStatus.RETRYING);
    clock.advance(Duration.ofSeconds(1));
    Await.until("job succeeded", () -> job(id).status() == JobStatus.SUCCEEDED);
    assertThat(job(id).errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("first time fails"));
  }

  @Test
  void aNonRetryableErrorMakesTheJobDeadAtOnce() {
    long id = client.enqueue(JobRequest.builder("acme", "strict").maxAttempts(10).build()).id();
    start(Worker.builder().handler("strict", Item.class, (p, ctx) -> {
      throw new NonRetryableException("account 42 was deleted");
    }));
    Await.until("job dead", () -> job(id).status() == JobStatus.DEAD);
    assertThat(job(id).attempt()).isEqualTo(1);
    assertThat(job(id).errors()).singleElement()
        .satisfies(e -> assertThat(e.message()).contains("account 42 was deleted"));
  }

  @Test
  void eachTypeMayHaveItsOwnPolicy() {
    long fast = client.enqueue(JobRequest.builder("acme", "fast").build()).id();
    long slow = client.enqueue(JobRequest.builder("acme", "slow").build()).id();
    RetryPolicy tenSeconds = RetryPolicy.builder().initialDelay(Duration.ofSeconds(10)).jitter(0).build();
    start(Worker.builder().retryPolicy(EXACT)
        .handler("fast", Item.class, (p, ctx) -> {
          throw new IOException("x");
        }, tenSeconds)
        .handler("slow", Item.class, (p, ctx) -> {
          throw new IOException("y");
        }));
    Await.until("both failed once", () -> job(fast).status() == JobStatus.RETRYING
        && job(slow).status() == JobStatus.RETRYING);
    assertThat(job(fast).runAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(job(slow).runAt()).isEqualTo(T0.plusSeconds(60));
  }

  @Test
  void defaultJitterKeepsTheFirstRetryBetween48And60Seconds() {
    long id = client.enqueue(JobRequest.builder("acme", "flaky").build()).id();
    start(Worker.builder().handler("flaky", Item.class, (p, ctx) -> {
      throw new IOException("x");
    }));
    Await.until("first attempt failed", () -> job(id).status() == JobStatus.RETRYING);
    assertThat(job(id).runAt()).isBetween(T0.plusSeconds(48), T0.plusSeconds(60));
  }
}
