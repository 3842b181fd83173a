package io.offgridflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code cur --input s3://...} against S3Mock in-process, with the CLI's own S3 client. Runs in its
 * own surefire execution (see the pom): the default one leaves S3Mock's Woodstox off the class path,
 * and this class is then disabled rather than failing to start S3Mock (as with {@code -Dtest=}).
 */
@EnabledIf("s3MockCanStart")
class CurS3CommandTest {
  @RegisterExtension
  static final S3MockExtension S3_MOCK =
      S3MockExtension.builder().silent().withSecureConnection(false).withHttpPort(0).withHttpsPort(0)
          .withInitialBuckets("bills").build();

  static S3Client s3;
  static String endpoint;

  static boolean s3MockCanStart() {
    try {
      Class.forName("com.ctc.wstx.stax.WstxOutputFactory");
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @BeforeAll
  static void client() {
    // The CLI takes credentials from the default chain; the system properties are one of its links.
    System.setProperty("aws.accessKeyId", "test-key");
    System.setProperty("aws.secretAccessKey", "test-secret");
    endpoint = "http://127.0.0.1:" + S3_MOCK.getHttpPort();
    s3 = S3Client.builder().endpointOverride(URI.create(endpoint)).forcePathStyle(true).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test-key", "test-secret")))
        .build();
  }

  @AfterAll
  static void clear() {
    s3.close();
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  /** The report laid out as CUR 1.0 delivers it: the period's top-level manifest names the assembly's object. */
  static void deliver(String prefix, Path csv) throws IOException {
    String key = prefix + "/rep/20250101-20250201/asm-1/rep-00001.csv";
    s3.putObject(b -> b.bucket("bills").key(key), RequestBody.fromFile(csv));
    s3.putObject(b -> b.bucket("bills").key(prefix + "/rep/20250101-20250201/rep-Manifest.json"),
        RequestBody.fromString("{\"assemblyId\":\"asm-1\",\"billingPeriod\":{\"start\":\"20250101T000000.000Z\","
            + "\"end\":\"20250201T000000.000Z\"},\"bucket\":\"bills\",\"reportKeys\":[\"" + key + "\"]}"));
  }

  @Test
  void anS3ReportGivesTheSameCsvAsTheSameFileReadLocally(@TempDir Path dir) throws IOException {
    Path csv = CurCommandTest.cur(dir);
    deliver("cur", csv);
    Path fromS3 = dir.resolve("s3.csv");
    Path fromFile = dir.resolve("file.csv");

    Cli.Result s = Cli.run("cur", "--input", "s3://bills/cur", "--endpoint-url", endpoint, "--region", "us-east-1",
        "--group-by", "class,service,region", "--output", fromS3.toString());
    Cli.Result f = Cli.run("cur", "--input", csv.toString(), "--group-by", "class,service,region",
        "--output", fromFile.toString());

    assertThat(s.exit()).as(s.err()).isZero();
    assertThat(f.exit()).as(f.err()).isZero();
    assertThat(Files.readString(fromS3)).isEqualTo(Files.readString(fromFile)).contains("compute,AmazonEC2,us-east-1");
    assertThat(s.out()).contains("Rows: read 3 = estimated 2 + unknown 0 + unsupported 0 + ignored 1");
  }

  @Test
  void aPrefixWithoutManifestExitsTwoNamingWhatWasLookedForAndListObjectsReadsIt(@TempDir Path dir)
      throws IOException {
    Path csv = CurCommandTest.cur(dir);
    s3.putObject(b -> b.bucket("bills").key("loose/part-1.csv"), RequestBody.fromFile(csv));

    Cli.Result r = Cli.run("cur", "--input", "s3://bills/loose", "--endpoint-url", endpoint);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("s3://bills/loose: no CUR manifest found").contains("--list-objects");

    Cli.Result listed = Cli.run("cur", "--input", "s3://bills/loose", "--endpoint-url", endpoint, "--list-objects");
    assertThat(listed.exit()).as(listed.err()).isZero();
    assertThat(listed.out()).contains("Rows: read 3 = estimated 2 + unknown 0 + unsupported 0 + ignored 1");
  }
}
