package io.offgridflow.benchmarks.billing;

import io.offgridflow.billing.BillingState;
import io.offgridflow.billing.Entitlements;
import io.offgridflow.billing.Feature;
import io.offgridflow.billing.PlanCatalog;
import io.offgridflow.billing.SubscriptionStatus;
import io.offgridflow.billing.store.InMemoryBillingStateStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * {@code Entitlements.check} throughput over 8,192 tenants spread across Free, Pro and Enterprise,
 * with a feature mix that is half granted, half denied. The peer {@code plainMapLookup} is the floor
 * for any in-memory design: a {@code HashMap<String, Set<Feature>>} get plus a set lookup.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar EntitlementCheckBenchmark -f 1 -wi 3 -i 5 -t 1
 * java -cp benchmarks/target/benchmarks.jar io.offgridflow.benchmarks.billing.EntitlementCheckBenchmark [threads]
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EntitlementCheckBenchmark {
  private static final int TENANTS = 8_192;
  private static final Feature[] FEATURES = {Feature.API_ACCESS, Feature.XBRL_EXPORT, Feature.SSO,
      Feature.CLOUD_CONNECTORS, Feature.AUDIT_LOG, Feature.SCOPE3_SPEND, Feature.of("beta_dashboards"),
      Feature.API_ACCESS};

  private Entitlements entitlements;
  private final String[] tenantIds = new String[TENANTS];
  private final Map<String, Set<Feature>> plainMap = new HashMap<>();

  /** Each benchmark thread walks the tenants on its own cursor. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Setup
  public void setUp() {
    PlanCatalog catalog = PlanCatalog.defaults();
    InMemoryBillingStateStore store = new InMemoryBillingStateStore();
    entitlements = Entitlements.builder().catalog(catalog).stateStore(store).build();
    String[] plans = {PlanCatalog.FREE, PlanCatalog.PRO, PlanCatalog.ENTERPRISE};
    for (int i = 0; i < TENANTS; i++) {
      String tenant = "tenant-" + i;
      String plan = plans[i % plans.length];
      tenantIds[i] = tenant;
      BillingState state = store.update(tenant, PlanCatalog.FREE, s -> s.toBuilder()
          .status(SubscriptionStatus.ACTIVE).planId(plan).build()).after();
      entitlements.refresh(state);
      plainMap.put(tenant, Set.copyOf(catalog.plan(plan).features()));
    }
  }

  @Benchmark
  public boolean check(Cursor c) {
    int i = c.next++ & (TENANTS - 1);
    return entitlements.check(tenantIds[i], FEATURES[i & 7]);
  }

  @Benchmark
  public boolean plainMapLookup(Cursor c) {
    int i = c.next++ & (TENANTS - 1);
    return plainMap.get(tenantIds[i]).contains(FEATURES[i & 7]);
  }

  /** Runs both benchmarks and prints one line: checks per second, and the ratio to the peer. */
  public static void main(String[] args) throws RunnerException {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    Options options = new OptionsBuilder().include(EntitlementCheckBenchmark.class.getName() + "\\.")
        .forks(1).warmupIterations(3).warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1))
        .measurementIterations(5).measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1))
        .threads(threads).verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT).build();
    double check = 0;
    double peer = 0;
    for (RunResult r : new Runner(options).run()) {
      double score = r.getPrimaryResult().getScore();
      if (r.getParams().getBenchmark().endsWith(".check")) {
        check = score;
      } else {
        peer = score;
      }
    }
    System.out.printf("entitlement-checks threads=%d checks_per_s=%.0f peer_plain_map_per_s=%.0f vs_peer=%.2fx"
        + " bar_10M=%s%n", threads, check, peer, check / peer, check >= 10_000_000 ? "met" : "missed");
  }
}
