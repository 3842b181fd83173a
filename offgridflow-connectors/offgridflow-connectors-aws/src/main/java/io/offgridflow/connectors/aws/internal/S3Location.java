package io.offgridflow.connectors.aws.internal;

import io.offgridflow.CoreErrorCode;
import io.offgridflow.OffGridFlowException;

/**
 * A parsed {@code s3://bucket/key-or-prefix} URI.
 *
 * @param bucket the bucket name
 * @param key the key or prefix, without a leading slash (may be empty)
 */
public record S3Location(String bucket, String key) {

  /** Parses {@code s3://bucket[/key]}; anything else is a configuration error naming the value. */
  public static S3Location parse(String uri) {
    if (!uri.startsWith("s3://")) {
      throw new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION,
          "'" + uri + "' is not an S3 URI; expected s3://bucket/prefix");
    }
    String rest = uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String key = slash < 0 ? "" : rest.substring(slash + 1);
    if (bucket.isEmpty()) {
      throw new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION,
          "'" + uri + "' names no bucket; expected s3://bucket/prefix");
    }
    return new S3Location(bucket, key);
  }

  /** The key as a folder prefix: empty, or ending with one slash. */
  public String folder() {
    return key.isEmpty() || key.endsWith("/") ? key : key + "/";
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + key;
  }
}
