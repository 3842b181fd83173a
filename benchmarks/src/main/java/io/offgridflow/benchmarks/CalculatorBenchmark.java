package io.offgridflow.benchmarks;

import io.offgridflow.calc.Activity;
import io.offgridflow.calc.Calculator;
import io.offgridflow.calc.EmissionResult;
import io.offgridflow.factors.FactorCatalog;
import io.offgridflow.factors.GwpSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Single-thread throughput of {@link Calculator#calculate} with factors resolved (the calculator
 * caches resolution per activity shape; setup calculates every activity once). One operation is
 * one activity, so the score reads as activities per second.
 *
 * <p>{@code baseline} is the peer: what a hand-written calculator does at the least, one hash
 * lookup of a precomputed factor key and a multiplication per activity, without units, gas split,
 * market-based Scope 2 or provenance. The ratio shows what those cost.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar CalculatorBenchmark -f 1 -wi 3 -i 5
 * java -jar benchmarks/target/benchmarks.jar CalculatorBenchmark -p kind=mixed -f 1 -wi 3 -i 5
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CalculatorBenchmark {
  static final int N = 1024;

  @Param({
    "mixed",
    "electricity",
    "stationary_combustion",
    "mobile_combustion",
    "passenger_travel",
    "spend",
    "refrigerant",
    "cloud"
  })
  public String kind;

  private Calculator calculator;
  private Activity[] activities;
  private double[] quantities;
  private String[] keys;
  private final java.util.Map<String, Double> handFactors = new java.util.HashMap<>();

  @Setup
  public void setup() {
    calculator = Calculator.builder().catalog(FactorCatalog.bundled()).gwp(GwpSet.AR5).build();
    ActivityMix mix = "mixed".equals(kind) ? new ActivityMix(42) : new ActivityMix(42, ActivityMix.ofKind(kind));
    activities = new Activity[N];
    quantities = new double[N];
    keys = new String[N];
    for (int i = 0; i < N; i++) {
      activities[i] = mix.nextActivity(i);
      quantities[i] = activities[i].quantity().map(q -> q.value()).orElse(1.0);
      // Resolve (and cache) each shape's factor before measuring; fails fast on a bad shape.
      EmissionResult r = calculator.calculate(activities[i]);
      Activity a = activities[i];
      // One key String per activity, as a parser would make one per row.
      keys[i] = new String(a.kind().code() + '|' + a.fuel().orElse("") + a.mode().orElse("") + a.gas().orElse("")
          + a.naics().orElse("") + '|' + a.region().orElse(""));
      handFactors.put(keys[i], r.provenance().factorValue());
    }
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public void calculate(Blackhole bh) {
    Activity[] a = activities;
    Calculator c = calculator;
    for (int i = 0; i < a.length; i++) {
      EmissionResult r = c.calculate(a[i]);
      bh.consume(r);
    }
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public void baseline(Blackhole bh) {
    double[] q = quantities;
    String[] k = keys;
    java.util.Map<String, Double> f = handFactors;
    for (int i = 0; i < q.length; i++) {
      bh.consume(q[i] * f.get(k[i]));
    }
  }

  /** For a quick check without JMH: prints activities/s of the mixed set. */
  public static void main(String[] args) {
    CalculatorBenchmark b = new CalculatorBenchmark();
    b.kind = args.length > 0 ? args[0] : "mixed";
    b.setup();
    long sink = 0;
    for (int round = 0; round < 5; round++) {
      long start = System.nanoTime();
      long n = 0;
      while (System.nanoTime() - start < 1_000_000_000L) {
        for (Activity a : b.activities) {
          sink += (long) b.calculator.calculate(a).co2eKg();
        }
        n += N;
      }
      double s = (System.nanoTime() - start) / 1e9;
      System.out.printf("calculator kind=%s activities_per_s=%.0f%n", b.kind, n / s);
    }
    if (sink == 42) {
      System.out.println();
    }
  }
}
