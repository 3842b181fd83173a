package io.offgridflow.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.offgridflow.cloud.internal.SimpleCsv;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The loaded tables against the CSV they come from, and the resolved per-instance figures against
 * the {@code ccf_eval_*} columns, which were computed by calling CCF's own functions: if our rules
 * (mean/median of processors, default watts, extra memory, largest size) drift from CCF's, these fail.
 */
class CcfDatasetTest {
  static final CcfDataset CCF = CcfDataset.load();
  static final SimpleCsv AWS = SimpleCsv.resource("aws_instance_types.csv");

  @Test
  void providerConstantsAreTheCsvValues() {
    SimpleCsv t = SimpleCsv.resource("provider_constants.csv");
    String[] aws = t.rows().get(0);
    assertThat(t.get(aws, "provider")).isEqualTo("AWS");
    CloudCoefficients c = CCF.coefficients(CloudProvider.AWS);
    assertThat(c.pue()).isEqualTo(t.num(aws, "pue"));
    assertThat(c.minWattsPerVcpu()).isEqualTo(t.num(aws, "default_min_watts_per_vcpu"));
    assertThat(c.maxWattsPerVcpu()).isEqualTo(t.num(aws, "default_max_watts_per_vcpu"));
    assertThat(c.cpuUtilisation()).isEqualTo(t.num(aws, "avg_cpu_utilization_pct") / 100);
    assertThat(c.ssdWhPerTbHour()).isEqualTo(t.num(aws, "ssd_wh_per_tb_hour"));
    assertThat(c.hddWhPerTbHour()).isEqualTo(t.num(aws, "hdd_wh_per_tb_hour"));
    assertThat(c.networkKwhPerGb()).isEqualTo(t.num(aws, "network_kwh_per_gb"));
    assertThat(c.memoryKwhPerGbHour()).isEqualTo(t.num(aws, "memory_kwh_per_gb_hour"));
    assertThat(c.serverLifespanHours()).isEqualTo(t.num(aws, "server_lifespan_hours"));
    assertThat(CCF.regionPue(CloudProvider.GCP, "europe-west1")).contains(1.09);
    assertThat(CCF.regionPue(CloudProvider.GCP, "nowhere-1")).isEmpty();
  }

  @Test
  void everyEc2TypeResolvesToCcfsEvaluatedWattsAndMemory() {
    List<String> checked = new ArrayList<>();
    for (String[] r : AWS.rows()) {
      if (!AWS.get(r, "table").equals("EC2") || AWS.get(r, "ccf_eval_memory_gb_hours_per_instance_hour").isEmpty()) {
        continue; // d3.xlarge: CCF cannot size it (tab in its key), see README quirk 6
      }
      String type = AWS.get(r, "instance_type");
      InstanceSpec s = CCF.instance(CloudProvider.AWS, type).orElseThrow();
      assertThat(s.minWattsPerVcpu()).as(type).isCloseTo(AWS.num(r, "ccf_eval_min_watts_per_vcpu"), within(1e-12));
      assertThat(s.maxWattsPerVcpu()).as(type).isCloseTo(AWS.num(r, "ccf_eval_max_watts_per_vcpu"), within(1e-12));
      double mem = AWS.num(r, "ccf_eval_memory_gb_hours_per_instance_hour");
      assertThat(s.extraMemoryGb()).as(type).isCloseTo(mem, within(Math.max(1e-9, mem * 1e-12)));
      assertThat(s.largestVcpusInFamily()).as(type).isEqualTo((int) AWS.num(r, "ccf_eval_largest_vcpu_used"));
      checked.add(type);
    }
    assertThat(checked).hasSizeGreaterThan(480);
  }

  @Test
  void azureVmTypesResolveToCcfsEvaluatedWattsMemoryAndEmbodied() {
    SimpleCsv t = SimpleCsv.resource("azure_vm_types.csv");
    CcfModel quirks = CcfModel.builder().dataset(CCF).ccfQuirks(true).build();
    int n = 0;
    for (String[] r : t.rows()) {
      String table = t.get(r, "table");
      if (!(table.equals("SERIES") || table.equals("CONSTRAINED_VCPU"))
          || !t.get(r, "ccf_eval_resolved_series").equals(t.get(r, "series"))) {
        continue; // a type listed in two series is checked under the series CCF resolves it to
      }
      String type = t.get(r, "vm_type");
      InstanceSpec s = CCF.instance(CloudProvider.AZURE, type).orElseThrow();
      assertThat(s.minWattsPerVcpu()).as(type).isCloseTo(t.num(r, "ccf_eval_min_watts_per_vcpu"), within(1e-12));
      assertThat(s.maxWattsPerVcpu()).as(type).isCloseTo(t.num(r, "ccf_eval_max_watts_per_vcpu"), within(1e-12));
      double mem = t.num(r, "ccf_eval_memory_gb_hours_per_instance_hour");
      if (!Double.isNaN(mem)) {
        assertThat(s.extraMemoryGb()).as(type).isCloseTo(mem, within(Math.max(1e-9, mem * 1e-12)));
      }
      double emb = t.num(r, "ccf_eval_embodied_tco2e_per_instance_hour");
      if (!Double.isNaN(emb) && emb > 0) {
        assertThat(quirks.embodiedKgCo2e(CloudProvider.AZURE, s, 1) / 1000).as(type).isCloseTo(emb, within(emb * 1e-9));
      }
      n++;
    }
    assertThat(n).isGreaterThan(450);
  }

  @Test
  void gcpMachineTypesResolveToCcfsWattsWhereCcfUsesTheDeclaredProcessors() {
    SimpleCsv t = SimpleCsv.resource("gcp_machine_types.csv");
    int n = 0;
    for (String[] r : t.rows()) {
      String type = t.get(r, "machine_type");
      InstanceSpec s = CCF.instance(CloudProvider.GCP, type).orElseThrow();
      assertThat(s.vcpus()).as(type).isEqualTo((int) t.num(r, "vcpus"));
      if (!t.get(r, "ccf_eval_processors").equals(t.get(r, "processors_declared_for_family"))) {
        continue; // README quirk 7: CCF picks processors by the first two characters (n2d, c2d, t2d)
      }
      assertThat(s.minWattsPerVcpu()).as(type).isCloseTo(t.num(r, "ccf_eval_min_watts_per_vcpu"), within(1e-12));
      assertThat(s.maxWattsPerVcpu()).as(type).isCloseTo(t.num(r, "ccf_eval_max_watts_per_vcpu"), within(1e-12));
      n++;
    }
    assertThat(n).isGreaterThan(80);
  }

  @Test
  void ccfEmbodiedPerInstanceHourIsReproducedInQuirksMode() {
    CcfModel quirks = CcfModel.builder().dataset(CCF).ccfQuirks(true).build();
    int n = 0;
    for (String[] r : AWS.rows()) {
      String eval = AWS.get(r, "ccf_eval_embodied_tco2e_per_instance_hour");
      if (!AWS.get(r, "table").startsWith("EC2") || eval.isEmpty() || AWS.num(r, "ccf_eval_embodied_tco2e_per_instance_hour") == 0) {
        continue;
      }
      InstanceSpec s = CCF.instance(CloudProvider.AWS, AWS.get(r, "instance_type")).orElseThrow();
      double tonnes = quirks.embodiedKgCo2e(CloudProvider.AWS, s, 1) / 1000;
      assertThat(tonnes).as(s.type()).isCloseTo(Double.parseDouble(eval), within(Double.parseDouble(eval) * 1e-12));
      n++;
    }
    assertThat(n).isGreaterThan(480);
  }

  @Test
  void burstableAndGpuTypesCarryTheirTableValues() {
    InstanceSpec t3 = CCF.instance(CloudProvider.AWS, "t3.micro").orElseThrow();
    assertThat(t3.burstable()).isTrue();
    assertThat(t3.burstableBaselinePct()).isEqualTo(10);
    assertThat(t3.extraMemoryGb()).isZero();
    InstanceSpec p3 = CCF.instance(CloudProvider.AWS, "p3.2xlarge").orElseThrow();
    assertThat(p3.gpuCount()).isEqualTo(1);
    // gpus.csv: AWS,Nvidia Tesla V100,...,gpu,35,306
    assertThat(p3.gpuMinWatts()).isEqualTo(35);
    assertThat(p3.gpuMaxWatts()).isEqualTo(306);
    // Graviton2 from processors.csv: 0.47 / 1.69 W per vCPU
    InstanceSpec m6g = CCF.instance(CloudProvider.AWS, "m6g.large").orElseThrow();
    assertThat(m6g.minWattsPerVcpu()).isEqualTo(0.47);
    assertThat(m6g.maxWattsPerVcpu()).isEqualTo(1.69);
  }

  @Test
  void replicationFactorsFollowTheFirstMatchingRule() {
    SimpleCsv t = SimpleCsv.resource("replication_factors.csv");
    int n = 0;
    for (String[] r : t.rows()) {
      if (!t.get(r, "provider").equals("AWS")) {
        continue;
      }
      CloudProvider p = CloudProvider.AWS;
      String service = t.get(r, "service");
      double got = CCF.replicationFactor(p, service.equals("*") ? "SomeOtherService" : service,
          t.get(r, "probe_usage_type"), t.get(r, "probe_region"));
      assertThat(got).as(service + " " + t.get(r, "probe_usage_type")).isEqualTo(t.num(r, "factor"));
      n++;
    }
    assertThat(n).isGreaterThan(15);
  }

  @Test
  void gridFactorsUseTheDefaultVariantAndUnknownFallback() {
    SimpleCsv t = SimpleCsv.resource("region_factors.csv");
    int n = 0;
    for (String[] r : t.rows()) {
      if (!Boolean.parseBoolean(t.get(r, "ccf_default"))) {
        continue;
      }
      CloudProvider p = CloudProvider.fromKey(t.get(r, "provider"));
      assertThat(CCF.gridKgPerKwh(p, t.get(r, "region"))).isEqualTo(t.num(r, "kg_co2e_per_kwh"));
      n++;
    }
    assertThat(n).isEqualTo(28 + 78 + 42);
    // region_factors.csv: AWS,core-0.17.3,true,Unknown,0.39278188
    assertThat(CCF.gridKgPerKwh(CloudProvider.AWS, "mars-north-1")).isEqualTo(0.39278188);
    assertThat(CCF.gridKgPerKwh(CloudProvider.AWS, "core-1.0.0", "us-east-1")).isEqualTo(0.3651277965);
  }
}
