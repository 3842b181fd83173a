package io.offgridflow.connectors.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.offgridflow.cloud.SyncContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * More distinct values than the packed group key has room for (usage type ids past 4,095 and
 * accounts past 4,095), interleaved with rows that fit: every group must still get exactly its rows
 * and its kWh, whichever lookup path each row took.
 */
class CurManyGroupsTest {

  @Test
  void rowsPastThePackedKeyRangeLandInTheirOwnGroups(@TempDir Path dir) throws IOException {
    int distinct = 6000;
    int rows = 3 * distinct;
    StringBuilder csv = new StringBuilder(CurEstimatesTest.HEADER);
    Map<String, Long> expectedRows = new HashMap<>();
    Map<String, Double> networkingGbByAccount = new HashMap<>();
    for (int i = 0; i < rows; i++) {
      // Every third row reuses one of the first ten usage types (small ids); the rest walk all 6,000.
      int u = i % 3 == 0 ? i % 10 : (i * 7) % distinct;
      // Even rows are estimated networking (kWh proportional to GB); odd rows have 6,000 unsupported usage types.
      String usage = i % 2 == 0 ? "USE1-DataTransfer-Out-Bytes" : "USE1-DataTransfer-Out-Bytes-" + u;
      String account = String.valueOf(100_000_000_000L + (i % 5000));
      double gb = 1 + (i % 7);
      if (i % 2 == 0) {
        networkingGbByAccount.merge(account, gb, Double::sum);
      }
      csv.append("Usage,2025-01-03T00:00:00Z,").append(account).append(",AWSDataTransfer,").append(usage).append(',')
          .append(gb).append(",0.1,GB,us-east-1,,\n");
      expectedRows.merge(usage, 1L, Long::sum);
    }
    Path f = dir.resolve("many.csv");
    Files.writeString(f, csv);
    CurResult byUsage = CurConnector.builder().file(f).groupBy(GroupKey.parseList("usage_type")).build()
        .sync(SyncContext.builder().build());
    CurResult byAccountAndUsage = CurConnector.builder().file(f).groupBy(GroupKey.parseList("account,usage_type"))
        .build().sync(SyncContext.builder().build());

    assertThat(byUsage.accounting().read()).isEqualTo(rows);
    assertThat(byUsage.groups()).hasSize(expectedRows.size());
    for (CurGroup g : byUsage.groups()) {
      assertThat(g.rows()).as(g.key().get(0)).isEqualTo(expectedRows.get(g.key().get(0)));
    }
    long total = byAccountAndUsage.groups().stream().mapToLong(CurGroup::rows).sum();
    assertThat(total).isEqualTo(rows);
    Map<String, Long> summed = new HashMap<>();
    byAccountAndUsage.groups().forEach(g -> summed.merge(g.key().get(1), g.rows(), Long::sum));
    assertThat(summed).isEqualTo(expectedRows);
    // Networking kWh is GB x one coefficient: every account's kWh over its GB must be that same ratio.
    Map<String, Double> kwhByAccount = new HashMap<>();
    byAccountAndUsage.groups().forEach(g -> kwhByAccount.merge(g.key().get(0), g.kwh(), Double::sum));
    assertThat(kwhByAccount).hasSize(5000);
    double ratio = byUsage.totalKwh() / networkingGbByAccount.values().stream().mapToDouble(Double::doubleValue).sum();
    assertThat(ratio).isPositive();
    networkingGbByAccount.forEach((account, gb) ->
        assertThat(kwhByAccount.get(account)).as(account).isCloseTo(gb * ratio, within(1e-9 * gb * ratio)));
  }
}
