package io.offgridflow.connectors.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.Cancellation;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.cloud.InMemoryConnectorStateStore;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.cloud.SyncProgress;
import io.offgridflow.cloud.spi.Checkpoint;
import io.offgridflow.cloud.spi.ConnectorStateStore;
import io.offgridflow.connectors.aws.CurConnector;
import io.offgridflow.connectors.aws.CurFormat;
import io.offgridflow.connectors.aws.CurGroup;
import io.offgridflow.connectors.aws.CurResult;
import io.offgridflow.connectors.aws.SourceOutcome;
import io.offgridflow.connectors.aws.fixtures.CurGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * CUR reports in S3 (S3Mock in-process, the real S3Client): manifests of both CUR versions are
 * followed, superseded assemblies are never counted, and the totals equal the same objects read as
 * local files.
 */
class CurS3Test {
  @RegisterExtension
  static final S3MockExtension S3_MOCK =
      S3MockExtension.builder().silent().withSecureConnection(false).withHttpPort(0).withHttpsPort(0).build();

  @TempDir static Path dir;
  static S3Buckets s3;
  static Path janA;
  static Path janB;
  static Path janOld;
  static Path feb;
  static Path janCur2;
  static Path febCur2;

  @BeforeAll
  static void generate() throws IOException {
    s3 = new S3Buckets("http://127.0.0.1:" + S3_MOCK.getHttpPort());
    janA = dir.resolve("jan-a.csv.gz");
    janB = dir.resolve("jan-b.zip");
    janOld = dir.resolve("jan-old.csv.gz");
    feb = dir.resolve("feb.csv.gz");
    CurGenerator.builder().rows(3000).seed(11).build().writeGzip(janA);
    CurGenerator.builder().rows(1500).seed(12).build().writeZip(janB);
    CurGenerator.builder().rows(2200).seed(13).build().writeGzip(janOld);
    CurGenerator.builder().rows(2500).seed(14).build().writeGzip(feb);
    janCur2 = dir.resolve("jan2.csv.gz");
    febCur2 = dir.resolve("feb2.csv");
    CurGenerator.builder().rows(2000).seed(21).format(CurFormat.CUR2).build().writeGzip(janCur2);
    CurGenerator.builder().rows(1800).seed(22).format(CurFormat.CUR2).build().writePlain(febCur2);
  }

  static CurResult local(Path... files) {
    CurConnector.Builder b = CurConnector.builder();
    for (Path f : files) {
      b.file(f);
    }
    return b.build().sync(SyncContext.builder().build());
  }

  static void assertSameTotals(CurResult fromS3, CurResult fromFiles) {
    assertThat(fromS3.accounting()).isEqualTo(fromFiles.accounting());
    assertThat(fromS3.groups()).hasSameSizeAs(fromFiles.groups());
    for (int i = 0; i < fromS3.groups().size(); i++) {
      CurGroup a = fromS3.groups().get(i);
      CurGroup b = fromFiles.groups().get(i);
      assertThat(a.key()).isEqualTo(b.key());
      assertThat(a.rows()).isEqualTo(b.rows());
      assertThat(a.kwh()).isCloseTo(b.kwh(), within(1e-9 * Math.max(1, Math.abs(b.kwh()))));
      assertThat(a.co2eKg()).isCloseTo(b.co2eKg(), within(1e-9 * Math.max(1, Math.abs(b.co2eKg()))));
    }
    assertThat(fromS3.totalKwh()).isPositive().isCloseTo(fromFiles.totalKwh(), within(1e-9 * fromFiles.totalKwh()));
  }

  /** January delivered twice (assembly a1, then a2 with two parts), February once. */
  static String cur1Bucket() {
    String bucket = s3.newBucket("cur1");
    s3.cur1Delivery(bucket, "reports", "daily", "20250101-20250201", "a1", List.of(janOld));
    s3.cur1Delivery(bucket, "reports", "daily", "20250101-20250201", "a2", List.of(janA, janB));
    s3.cur1Delivery(bucket, "reports", "daily", "20250201-20250301", "b1", List.of(feb));
    return bucket;
  }

  @Test
  void cur1ManifestsGiveTheLatestAssemblyOfEachPeriodAndTheSameTotalsAsLocalFiles() {
    String bucket = cur1Bucket();
    CurResult r = CurConnector.builder().s3(s3.client(), "s3://" + bucket + "/reports").build()
        .sync(SyncContext.builder().build());

    assertSameTotals(r, local(janA, janB, feb)); // janOld (assembly a1) is not among them
    assertThat(r.accounting().read()).isEqualTo(3000 + 1500 + 2500);
    assertThat(r.sources()).extracting(SourceOutcome::source).containsExactly(
        "s3://" + bucket + "/reports/daily/20250101-20250201/daily-Manifest.json",
        "s3://" + bucket + "/reports/daily/20250201-20250301/daily-Manifest.json");
    assertThat(r.sources()).extracting(SourceOutcome::rows).containsExactly(3000L + 1500L, 2500L);
    assertThat(r.sources()).extracting(SourceOutcome::status).containsOnly(SourceOutcome.Status.COUNTED);
  }

  @Test
  void theReportsOwnFolderWorksAsThePrefixToo() {
    String bucket = cur1Bucket();
    CurResult r = CurConnector.builder().s3(s3.client(), "s3://" + bucket + "/reports/daily/").build()
        .sync(SyncContext.builder().build());
    assertSameTotals(r, local(janA, janB, feb));
  }

  @Test
  void cur2ManifestsListTheDataFilesAndABillingPeriodFilterPicksMonths() {
    String bucket = s3.newBucket("cur2");
    s3.cur2Delivery(bucket, "exports", "cur2", "2025-01", "exec-old", List.of(janOld));
    s3.cur2Delivery(bucket, "exports", "cur2", "2025-01", "exec-1", List.of(janCur2));
    s3.cur2Delivery(bucket, "exports", "cur2", "2025-02", "exec-2", List.of(febCur2));

    CurResult all = CurConnector.builder().s3(s3.client(), "s3://" + bucket + "/exports").build()
        .sync(SyncContext.builder().build());
    assertSameTotals(all, local(janCur2, febCur2));
    assertThat(all.accounting().read()).isEqualTo(2000 + 1800);

    CurResult febOnly = CurConnector.builder().s3(s3.client(), "s3://" + bucket + "/exports")
        .billingPeriods(List.of(YearMonth.of(2025, 2))).build().sync(SyncContext.builder().build());
    assertSameTotals(febOnly, local(febCur2));
    assertThat(febOnly.sources()).singleElement().extracting(SourceOutcome::source).asString()
        .endsWith("/metadata/BILLING_PERIOD=2025-02/cur2-Manifest.json");
  }

  @Test
  void aRerunSkipsAndARedeliveredMonthSupersedesTheOldAssembly() throws IOException {
    String bucket = cur1Bucket();
    InMemoryConnectorStateStore store = new InMemoryConnectorStateStore();
    CurConnector c = CurConnector.builder().s3(s3.client(), "s3://" + bucket + "/reports").build();
    c.sync(SyncContext.builder().stateStore(store).build());

    CurResult again = c.sync(SyncContext.builder().stateStore(store).build());
    assertThat(again.accounting().read()).isZero();
    assertThat(again.totalKwh()).isZero();
    assertThat(again.sources()).extracting(SourceOutcome::status)
        .containsOnly(SourceOutcome.Status.SKIPPED_ALREADY_COUNTED);

    Path janNew = dir.resolve("jan-new.csv.gz");
    CurGenerator.builder().rows(3300).seed(15).build().writeGzip(janNew);
    s3.cur1Delivery(bucket, "reports", "daily", "20250101-20250201", "a3", List.of(janNew));
    CurResult third = c.sync(SyncContext.builder().stateStore(store).build());
    assertThat(third.sources()).extracting(SourceOutcome::status)
        .containsExactly(SourceOutcome.Status.SUPERSEDED, SourceOutcome.Status.SKIPPED_ALREADY_COUNTED);
    assertSameTotals(third, local(janNew));
    assertThat(store.list("aws-cur")).hasSize(2);
  }

  @Test
  void aPrefixWithoutManifestFailsSayingWhatWasLookedForOrIsListedWhenAllowed() {
    String bucket = s3.newBucket("loose");
    s3.put(bucket, "drop/part-1.csv.gz", janA);
    s3.put(bucket, "drop/part-2.zip", janB);
    s3.put(bucket, "drop/readme.txt", "not a bill");
    String uri = "s3://" + bucket + "/drop";

    assertThatThrownBy(() -> CurConnector.builder().s3(s3.client(), uri).build().sync(SyncContext.builder().build()))
        .isInstanceOfSatisfying(OffGridFlowException.class,
            e -> assertThat(e.code()).isEqualTo(CloudErrorCode.SOURCE_UNREADABLE))
        .hasMessageContaining(uri + ": no CUR manifest found")
        .hasMessageContaining("<report>-Manifest.json (CUR 1.0)")
        .hasMessageContaining("metadata/BILLING_PERIOD=YYYY-MM/<export>-Manifest.json (CUR 2.0)");

    CurResult listed = CurConnector.builder().s3(s3.client(), uri).listObjectsWithoutManifest(true).build()
        .sync(SyncContext.builder().build());
    assertSameTotals(listed, local(janA, janB));
    assertThat(listed.sources()).extracting(SourceOutcome::source)
        .containsExactly(uri + "/part-1.csv.gz", uri + "/part-2.zip");
  }

  @Test
  void aMissingObjectAndABrokenManifestAreNamed() {
    String bucket = cur1Bucket();
    s3.client().deleteObject(b -> b.bucket(bucket).key("reports/daily/20250201-20250301/b1/daily-00001.csv.gz"));
    assertThatThrownBy(() -> CurConnector.builder().s3(s3.client(), "s3://" + bucket + "/reports").build()
        .sync(SyncContext.builder().build()))
        .hasMessageContaining("s3://" + bucket + "/reports/daily/20250201-20250301/b1/daily-00001.csv.gz: no such object")
        .hasMessageContaining("listed in s3://" + bucket + "/reports/daily/20250201-20250301/daily-Manifest.json");

    String broken = s3.newBucket("broken");
    s3.put(broken, "r/rep/20250101-20250201/rep-Manifest.json", "{\n  \"assemblyId\": \"x\",\n  \"reportKeys\": [\n");
    assertThatThrownBy(() -> CurConnector.builder().s3(s3.client(), "s3://" + broken + "/r").build()
        .sync(SyncContext.builder().build()))
        .isInstanceOfSatisfying(OffGridFlowException.class,
            e -> assertThat(e.code()).isEqualTo(CloudErrorCode.INVALID_BILL))
        .hasMessageContaining("s3://" + broken + "/r/rep/20250101-20250201/rep-Manifest.json:4:")
        .hasMessageContaining("not valid JSON");

    s3.put(broken, "r/rep/20250101-20250201/rep-Manifest.json", "{\"assemblyId\": \"x\", \"reportKeys\": \"k\"}");
    assertThatThrownBy(() -> CurConnector.builder().s3(s3.client(), "s3://" + broken + "/r").build()
        .sync(SyncContext.builder().build()))
        .hasMessageContaining("rep-Manifest.json: field reportKeys: value \"k\" is not an array");

    String noTop = s3.newBucket("notop");
    s3.put(noTop, "r/rep/20250101-20250201/a1/rep-00001.csv.gz", janA);
    assertThatThrownBy(() -> CurConnector.builder().s3(s3.client(), "s3://" + noTop + "/r").build()
        .sync(SyncContext.builder().build()))
        .hasMessageContaining("s3://" + noTop + "/r/rep/20250101-20250201/rep-Manifest.json: no such object")
        .hasMessageContaining("CUR 1.0 manifest of billing period 2025-01");
  }

  @Test
  void aBadRowNamesTheObjectKeyLineAndColumn() {
    String bucket = s3.newBucket("badrow");
    String header = String.join(",", CurGenerator.header(CurFormat.CUR1));
    int amount = CurGenerator.header(CurFormat.CUR1).indexOf("lineItem/UsageAmount");
    String[] row = new String[CurGenerator.header(CurFormat.CUR1).size()];
    java.util.Arrays.fill(row, "");
    row[CurGenerator.header(CurFormat.CUR1).indexOf("lineItem/LineItemType")] = "Usage";
    row[CurGenerator.header(CurFormat.CUR1).indexOf("lineItem/UsageStartDate")] = "2025-01-01T00:00:00Z";
    row[amount] = "12x";
    s3.put(bucket, "loose/bad.csv", header + "\n" + String.join(",", row) + "\n");
    assertThatThrownBy(() -> CurConnector.builder().s3(s3.client(), "s3://" + bucket + "/loose")
        .listObjectsWithoutManifest(true).build().sync(SyncContext.builder().build()))
        .isInstanceOfSatisfying(OffGridFlowException.class,
            e -> assertThat(e.code()).isEqualTo(CloudErrorCode.INVALID_BILL))
        .hasMessageContaining("s3://" + bucket + "/loose/bad.csv:2: column lineItem/UsageAmount (" + (amount + 1)
            + "): value '12x' is not a number");
  }

  @Test
  void aParquetObjectWithoutTheParquetArtifactNamesTheArtifact() {
    String bucket = s3.newBucket("parquet");
    s3.put(bucket, "x/cur-00001.snappy.parquet", "PAR1\u0015\u0000 not a real footer PAR1");
    assertThatThrownBy(() -> CurConnector.builder().s3(s3.client(), "s3://" + bucket + "/x")
        .listObjectsWithoutManifest(true).build().sync(SyncContext.builder().build()))
        .isInstanceOfSatisfying(OffGridFlowException.class,
            e -> assertThat(e.code()).isEqualTo(CloudErrorCode.UNSUPPORTED_BILL_FORMAT))
        .hasMessage("s3://" + bucket + "/x/cur-00001.snappy.parquet is a Parquet file; add"
            + " io.offgridflow:offgridflow-connectors-aws-parquet to the class path");
  }

  @Test
  void aRecognizedS3ObjectIsCopiedToATemporaryFileThatIsDeletedAfter(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("part.csv");
    CurGenerator.builder().rows(900).seed(32).build().writePlain(csv);
    Path columnar = ColumnarSeamTest.magic(csv, dir.resolve("part.ogfc"));
    String bucket = s3.newBucket("columnar");
    s3.put(bucket, "loose/part.ogfc.parquet", columnar);
    MagicCsvReader.READ.clear();

    CurResult viaS3 = CurConnector.builder().s3(s3.client(), "s3://" + bucket + "/loose")
        .listObjectsWithoutManifest(true).build().sync(SyncContext.builder().build());
    CurResult asCsv = CurConnector.builder().file(csv).build().sync(SyncContext.builder().build());

    assertThat(MagicCsvReader.READ).singleElement().satisfies(p -> {
      assertThat(p).isNotEqualTo(columnar);
      assertThat(p).doesNotExist();
    });
    assertThat(viaS3.accounting()).isEqualTo(asCsv.accounting());
    assertThat(viaS3.groups()).isEqualTo(asCsv.groups());
  }

  @Test
  void cancellationMidObjectCommitsNoCheckpoint() throws IOException {
    String bucket = s3.newBucket("cancel");
    Path big = dir.resolve("big.csv.gz");
    CurGenerator.builder().rows(70_000).seed(4).build().writeGzip(big);
    s3.cur1Delivery(bucket, "r", "rep", "20250101-20250201", "a1", List.of(big));
    InMemoryConnectorStateStore store = new InMemoryConnectorStateStore();
    Cancellation cancel = new Cancellation();
    List<SyncProgress> seen = new ArrayList<>();
    SyncContext ctx = SyncContext.builder().stateStore(store).clock(ticking()).cancellation(cancel)
        .progress(p -> {
          seen.add(p);
          cancel.cancel();
        }).build();
    assertThatThrownBy(() -> CurConnector.builder().s3(s3.client(), "s3://" + bucket + "/r").build().sync(ctx))
        .isInstanceOfSatisfying(OffGridFlowException.class,
            e -> assertThat(e.code()).isEqualTo(CloudErrorCode.SYNC_CANCELLED))
        .hasMessageContaining("s3://" + bucket + "/r/rep/20250101-20250201/a1/rep-00001.csv.gz");
    assertThat(seen).isNotEmpty();
    assertThat(seen.get(0).rows()).isLessThan(70_000);
    assertThat(seen.get(0).bytes()).isPositive();
    assertThat(store.list("aws-cur")).isEmpty();
  }

  @Test
  void aFailingStoreCommitsTheSyncsCheckpointsTogetherOrNotAtAll() {
    String bucket = cur1Bucket();
    List<Integer> batches = new ArrayList<>();
    InMemoryConnectorStateStore memory = new InMemoryConnectorStateStore();
    ConnectorStateStore failing = new ConnectorStateStore() {
      @Override
      public Optional<Checkpoint> find(String connectorId, String sourceKey) {
        return memory.find(connectorId, sourceKey);
      }

      @Override
      public void put(Checkpoint checkpoint) {
        throw new AssertionError("a sync's checkpoints are stored together, with putAll");
      }

      @Override
      public void putAll(Collection<Checkpoint> checkpoints) {
        batches.add(checkpoints.size());
        throw new IllegalStateException("database is read-only");
      }

      @Override
      public List<Checkpoint> list(String connectorId) {
        return memory.list(connectorId);
      }
    };
    assertThatThrownBy(() -> CurConnector.builder().s3(s3.client(), "s3://" + bucket + "/reports").build()
        .sync(SyncContext.builder().stateStore(failing).build()))
        .isInstanceOfSatisfying(OffGridFlowException.class,
            e -> assertThat(e.code()).isEqualTo(CloudErrorCode.STATE_STORE_FAILURE))
        .hasMessageContaining("cannot store the checkpoints of 2 sources")
        .hasMessageContaining("database is read-only");
    assertThat(batches).containsExactly(2); // both billing periods in one call
    assertThat(memory.list("aws-cur")).isEmpty();
  }

  /** A clock that moves one second each time it is read, so progress is reported at every check. */
  static Clock ticking() {
    return new Clock() {
      long t;

      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return Instant.ofEpochSecond(1_700_000_000L + t++);
      }
    };
  }
}
