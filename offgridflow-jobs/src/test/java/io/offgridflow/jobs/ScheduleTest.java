package io.offgridflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offgridflow.jobs.memory.InMemoryJobStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScheduleTest {
  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  final MutableClock clock = new MutableClock(T0);
  final InMemoryJobStore store = new InMemoryJobStore();
  final JobClient client = JobClient.builder().store(store).clock(clock).build();

  static Schedule every5Minutes() {
    return Schedule.cron("report", "*/5 * * * *")
        .job(JobRequest.builder("acme", "report.render").payload(Map.of("kind", "ghg")).priority(3).build())
        .build();
  }

  List<JobRecord> jobs() {
    return client.query(JobQuery.forTenant("acme").limit(10_000).build());
  }

  @Test
  void unixTicksAreFoundAtAndBetweenMatches() {
    Schedule s = every5Minutes();
    assertThat(s.lastTick(T0.plusSeconds(7 * 60 + 30))).contains(T0.plusSeconds(5 * 60));
    assertThat(s.lastTick(T0.plusSeconds(10 * 60))).contains(T0.plusSeconds(10 * 60));
    assertThat(s.lastTick(T0.plusMillis(10 * 60_000 + 999))).contains(T0.plusSeconds(10 * 60));
    assertThat(s.nextTick(T0.plusSeconds(10 * 60))).contains(T0.plusSeconds(15 * 60));
    assertThat(s.uniqueKey(T0)).isEqualTo("cron:report:" + T0.getEpochSecond());
  }

  @Test
  void quartzExpressionsHaveSeconds() {
    Schedule s = Schedule.cron("fast", "0/20 * * * * ?").dialect(Schedule.Dialect.QUARTZ)
        .job(JobRequest.builder("acme", "t").build()).build();
    assertThat(s.lastTick(T0.plusSeconds(45))).contains(T0.plusSeconds(40));
    assertThat(s.nextTick(T0.plusSeconds(45))).contains(T0.plusSeconds(60));
  }

  @Test
  void ticksFollowTheScheduleZone() {
    Schedule s = Schedule.cron("nightly", "0 2 * * *").zone(ZoneId.of("Europe/Berlin"))
        .job(JobRequest.builder("acme", "t").build()).build();
    // 02:00 in Berlin in winter (CET, UTC+1) is 01:00 UTC.
    assertThat(s.lastTick(Instant.parse("2030-01-02T00:30:00Z"))).contains(Instant.parse("2030-01-01T01:00:00Z"));
    assertThat(s.nextTick(Instant.parse("2030-01-02T00:30:00Z"))).contains(Instant.parse("2030-01-02T01:00:00Z"));
  }

  @Test
  void invalidExpressionsAreRejectedWithTheDialectsShape() {
    assertThatThrownBy(() -> Schedule.cron("bad", "0 0/15 * * * ?").job(JobRequest.builder("acme", "t").build())
        .build())
        .isInstanceOfSatisfying(JobException.class, e -> {
          assertThat(e.code()).isEqualTo(JobsErrorCode.INVALID_SCHEDULE);
          assertThat(e.getMessage()).contains("bad").contains("0 0/15 * * * ?").contains("UNIX has 5 fields");
        });
    assertThatThrownBy(() -> Schedule.cron("no:colons", "* * * * *").job(JobRequest.builder("acme", "t").build())
        .build()).isInstanceOf(JobException.class);
  }

  @Test
  void aRunnerFiresEachTickOnceWithTheTemplateAndTickKey() {
    ScheduleRunner runner = ScheduleRunner.builder().store(store).clock(clock).schedule(every5Minutes()).build();
    assertThat(runner.fireDue()).isEqualTo(1);
    assertThat(runner.fireDue()).isZero();
    clock.advance(Duration.ofMinutes(3));
    assertThat(runner.fireDue()).isZero();
    clock.advance(Duration.ofMinutes(2));
    assertThat(runner.fireDue()).isEqualTo(1);

    List<JobRecord> jobs = jobs();
    assertThat(jobs).hasSize(2);
    JobRecord latest = jobs.get(0);
    assertThat(latest.uniqueKey()).isEqualTo("cron:report:" + T0.plusSeconds(300).getEpochSecond());
    assertThat(latest.runAt()).isEqualTo(T0.plusSeconds(300));
    assertThat(latest.type()).isEqualTo("report.render");
    assertThat(latest.priority()).isEqualTo(3);
    assertThat(latest.payload()).isEqualTo("{\"kind\":\"ghg\"}");
  }

  @Test
  void twoRunnersOnOneStoreFireEachTickExactlyOnce() throws Exception {
    ScheduleRunner a = ScheduleRunner.builder().store(store).clock(clock).schedule(every5Minutes()).build();
    ScheduleRunner b = ScheduleRunner.builder().store(store).clock(clock).schedule(every5Minutes()).build();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    AtomicInteger inserted = new AtomicInteger();
    try {
      for (int tick = 0; tick < 12; tick++) {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> both = new ArrayList<>();
        for (ScheduleRunner r : List.of(a, b)) {
          Callable<Integer> fire = () -> {
            go.await();
            return r.fireDue();
          };
          both.add(pool.submit(fire));
        }
        go.countDown();
        for (Future<Integer> f : both) {
          inserted.addAndGet(f.get(10, TimeUnit.SECONDS));
        }
        clock.advance(Duration.ofMinutes(5));
      }
    } finally {
      pool.shutdownNow();
    }
    List<JobRecord> jobs = jobs();
    assertThat(jobs).hasSize(12);
    assertThat(inserted).hasValue(12);
    assertThat(jobs.stream().map(JobRecord::uniqueKey).distinct()).hasSize(12);
  }

  @Test
  void ticksOlderThanTheMisfireGraceAreSkipped() {
    Schedule s = Schedule.cron("hourly", "0 * * * *").misfireGrace(Duration.ofMinutes(10))
        .job(JobRequest.builder("acme", "t").build()).build();
    clock.set(T0.plus(Duration.ofMinutes(11)));
    ScheduleRunner runner = ScheduleRunner.builder().store(store).clock(clock).schedule(s).build();
    assertThat(runner.fireDue()).isZero();
    clock.set(T0.plus(Duration.ofMinutes(69)));
    assertThat(runner.fireDue()).as("the 01:00 tick is 9 minutes late, within grace").isEqualTo(1);
  }

  @Test
  void duplicateScheduleNamesAreRejected() {
    assertThatThrownBy(() -> ScheduleRunner.builder().store(store).schedule(every5Minutes())
        .schedule(every5Minutes()).build()).isInstanceOf(JobException.class).hasMessageContaining("report");
  }

  @Test
  void aWorkerWithSchedulesFiresAndRunsThem() {
    AtomicInteger runs = new AtomicInteger();
    Worker w = Worker.builder().store(store).clock(clock).pollInterval(Duration.ofMillis(10))
        .schedule(every5Minutes())
        .handler("report.render", Map.class, (p, ctx) -> runs.incrementAndGet())
        .build().start();
    try {
      Await.until("scheduled job ran", () -> jobs().size() == 1 && jobs().get(0).status() == JobStatus.SUCCEEDED);
      assertThat(runs).hasValue(1);
    } finally {
      w.shutdown(Duration.ofSeconds(5));
    }
  }
}
