package io.offgridflow.connectors.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.offgridflow.cloud.RowAccounting;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.connectors.aws.fixtures.CurGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same generated rows as CUR 1.0 and 2.0, plain, gzip and zip, must give identical results. */
class CurFormatsTest {
  static final int ROWS = 20_000;
  static final List<GroupKey> KEYS = GroupKey.parseList("class,service,region,account,month");
  static CurResult reference;
  @TempDir static Path dir;

  static CurResult sync(Path f, CurFormat format) {
    return CurConnector.builder().file(f).format(format).groupBy(KEYS).build().sync(SyncContext.builder().build());
  }

  @BeforeAll
  static void generate() throws IOException {
    Path plain = dir.resolve("cur1.csv");
    CurGenerator.builder().rows(ROWS).seed(7).format(CurFormat.CUR1).build().writePlain(plain);
    reference = sync(plain, CurFormat.AUTO);
  }

  @Test
  void gzipAndZipGiveTheSameResultAsPlain() throws IOException {
    Path gz = dir.resolve("cur1.csv.gz");
    CurGenerator.builder().rows(ROWS).seed(7).format(CurFormat.CUR1).build().writeGzip(gz);
    Path zip = dir.resolve("cur1.zip");
    CurGenerator.builder().rows(ROWS).seed(7).format(CurFormat.CUR1).build().writeZip(zip);
    assertThat(sync(gz, CurFormat.AUTO).groups()).isEqualTo(reference.groups());
    assertThat(sync(zip, CurFormat.CUR1).groups()).isEqualTo(reference.groups());
  }

  @Test
  void cur2GivesTheSameTotalsAsCur1() throws IOException {
    Path gz = dir.resolve("cur2.csv.gz");
    CurGenerator.builder().rows(ROWS).seed(7).format(CurFormat.CUR2).build().writeGzip(gz);
    CurResult cur2 = sync(gz, CurFormat.AUTO);
    assertThat(cur2.accounting()).isEqualTo(reference.accounting());
    assertThat(cur2.groups()).hasSameSizeAs(reference.groups());
    for (int i = 0; i < cur2.groups().size(); i++) {
      CurGroup a = cur2.groups().get(i);
      CurGroup b = reference.groups().get(i);
      assertThat(a.key()).isEqualTo(b.key());
      assertThat(a.kwh()).isCloseTo(b.kwh(), within(1e-9 * Math.max(1, b.kwh())));
      assertThat(a.co2eKg()).isCloseTo(b.co2eKg(), within(1e-9 * Math.max(1, b.co2eKg())));
      assertThat(a.rows()).isEqualTo(b.rows());
    }
  }

  @Test
  void everyGeneratedRowIsAccountedForAndEveryKindAppears() {
    RowAccounting a = reference.accounting();
    assertThat(a.read()).isEqualTo(ROWS);
    assertThat(a.estimated()).isPositive();
    assertThat(a.unknown()).isPositive();
    assertThat(a.unsupported()).isPositive();
    assertThat(a.ignored()).isPositive();
    assertThat(a.reasons().keySet()).anyMatch(r -> r.startsWith("estimated: compute (m6g.large"))
        .anyMatch(r -> r.contains("GPU"))
        .anyMatch(r -> r.contains("burstable"))
        .anyMatch(r -> r.startsWith("estimated: storage SSD"))
        .anyMatch(r -> r.startsWith("estimated: storage HDD, ByteHrs read as GB-months"))
        .anyMatch(r -> r.equals("estimated: networking"))
        .anyMatch(r -> r.contains("NatGateway-Bytes"))
        .anyMatch(r -> r.contains("CloudFront"))
        .anyMatch(r -> r.contains("HostBoxUsage"))
        .anyMatch(r -> r.contains("cannot size 'zz1.large'"))
        .contains("ignored: line item type Tax", "ignored: line item type Credit", "ignored: line item type Fee",
            "ignored: line item type RIFee");
    assertThat(reference.groups()).extracting(g -> g.key().get(0))
        .contains("compute", "storage", "networking", "memory", "embodied", "unknown", "unsupported", "ignored");
    assertThat(reference.groups()).extracting(g -> g.key().get(4)).contains("2025-01", "2025-02");
  }

  @Test
  void rowsInClassGroupsMatchTheAccounting() {
    RowAccounting a = reference.accounting();
    long ignored = reference.groups().stream().filter(g -> g.key().get(0).equals("ignored")).mapToLong(CurGroup::rows).sum();
    long unknown = reference.groups().stream().filter(g -> g.key().get(0).equals("unknown")).mapToLong(CurGroup::rows).sum();
    assertThat(ignored).isEqualTo(a.ignored());
    assertThat(unknown).isEqualTo(a.unknown());
  }
}
