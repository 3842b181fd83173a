package io.offgridflow.connectors.aws.s3;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The real {@link S3Client} pointed at an in-process S3Mock (path-style, dummy credentials), and
 * helpers that lay out CUR 1.0 and CUR 2.0 deliveries the way AWS does.
 */
public final class S3Buckets {
  private static final AtomicInteger SEQ = new AtomicInteger();
  private final S3Client s3;

  public S3Buckets(String endpoint) {
    this.s3 = S3Client.builder()
        .endpointOverride(URI.create(endpoint))
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test-key", "test-secret")))
        .build();
  }

  public S3Client client() {
    return s3;
  }

  /** A new, empty bucket: each test gets its own. */
  public String newBucket(String hint) {
    String name = hint + "-" + SEQ.incrementAndGet();
    s3.createBucket(b -> b.bucket(name));
    return name;
  }

  public void put(String bucket, String key, Path file) {
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
  }

  public void put(String bucket, String key, String text) {
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(text, StandardCharsets.UTF_8));
  }

  /**
   * A CUR 1.0 delivery with report versioning: the objects under {@code <period>/<assemblyId>/},
   * the assembly's own manifest beside them, and the period's top-level manifest pointing at it.
   */
  public void cur1Delivery(String bucket, String prefix, String report, String period, String assemblyId,
      List<Path> parts) {
    StringBuilder keys = new StringBuilder();
    String dir = prefix + "/" + report + "/" + period + "/" + assemblyId + "/";
    for (int i = 0; i < parts.size(); i++) {
      String name = parts.get(i).getFileName().toString();
      String ext = name.substring(name.indexOf('.'));
      String key = dir + report + "-0000" + (i + 1) + ext;
      put(bucket, key, parts.get(i));
      keys.append(i == 0 ? "" : ",").append('"').append(key).append('"');
    }
    String start = period.substring(0, 8);
    String end = period.substring(9);
    String manifest = "{\n  \"assemblyId\": \"" + assemblyId + "\",\n  \"account\": \"999999999999\",\n"
        + "  \"columns\": [{\"category\": \"lineItem\", \"name\": \"UsageType\"}],\n  \"charset\": \"UTF-8\",\n"
        + "  \"compression\": \"GZIP\",\n  \"contentType\": \"text/csv\",\n  \"reportName\": \"" + report + "\",\n"
        + "  \"billingPeriod\": {\"start\": \"" + start + "T000000.000Z\", \"end\": \"" + end + "T000000.000Z\"},\n"
        + "  \"bucket\": \"" + bucket + "\",\n  \"reportKeys\": [" + keys + "],\n  \"additionalArtifactKeys\": []\n}\n";
    put(bucket, dir + report + "-Manifest.json", manifest);
    put(bucket, prefix + "/" + report + "/" + period + "/" + report + "-Manifest.json", manifest);
  }

  /** A CUR 2.0 (Data Exports) delivery: data under {@code data/BILLING_PERIOD=YYYY-MM/<executionId>/}. */
  public void cur2Delivery(String bucket, String prefix, String export, String yearMonth, String executionId,
      List<Path> parts) {
    StringBuilder uris = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      String name = parts.get(i).getFileName().toString();
      String ext = name.substring(name.indexOf('.'));
      String key = prefix + "/" + export + "/data/BILLING_PERIOD=" + yearMonth + "/" + executionId + "/" + export
          + "-0000" + (i + 1) + ext;
      put(bucket, key, parts.get(i));
      uris.append(i == 0 ? "" : ",").append("\"s3://").append(bucket).append('/').append(key).append('"');
    }
    String manifest = "{\"executionId\": \"" + executionId + "\", \"exportArn\": \"arn:aws:bcm-data-exports:us-east-1:"
        + "999999999999:export/" + export + "\", \"billingPeriod\": {\"start\": \"" + yearMonth
        + "-01T00:00:00.000Z\"}, \"dataFiles\": [" + uris + "]}";
    put(bucket, prefix + "/" + export + "/metadata/BILLING_PERIOD=" + yearMonth + "/" + export + "-Manifest.json",
        manifest);
  }
}
