package io.offgridflow.connectors.aws.internal;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A CUR object in S3. Its fingerprint is the ETag and size S3 reports (no read of the body), and
 * the body is fetched only if the ETag is still the same, so the bytes counted are the bytes
 * fingerprinted. The body is streamed, never buffered whole.
 */
public final class S3CurInput implements CurInput {
  private final S3Client s3;
  private final S3Location where;
  private final String etag;
  private final long size;

  S3CurInput(S3Client s3, S3Location where, String etag, long size) {
    this.s3 = s3;
    this.where = where;
    this.etag = etag;
    this.size = size;
  }

  /** Looks the object up (HeadObject) for its ETag and size. */
  static S3CurInput head(S3Client s3, S3Location where, String listedIn) {
    try {
      HeadObjectResponse h = s3.headObject(r -> r.bucket(where.bucket()).key(where.key()));
      return new S3CurInput(s3, where, h.eTag(), h.contentLength());
    } catch (NoSuchKeyException e) {
      throw new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, where + ": no such object" + listedIn, e);
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        throw new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, where + ": no such object" + listedIn, e);
      }
      throw S3Errors.unreadable(where, "cannot look up", e);
    } catch (SdkException e) {
      throw S3Errors.unreadable(where, "cannot look up", e);
    }
  }

  @Override
  public String name() {
    return where.toString();
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public String fingerprint() {
    return "etag=" + etag + ";size=" + size;
  }

  @Override
  public InputStream open() throws IOException {
    GetObjectRequest req = GetObjectRequest.builder().bucket(where.bucket()).key(where.key()).ifMatch(etag).build();
    try {
      return s3.getObject(req);
    } catch (NoSuchKeyException e) {
      throw new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, where + ": no such object", e);
    } catch (S3Exception e) {
      if (e.statusCode() == 412) {
        throw new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, where
            + ": changed while the sync ran (ETag is no longer " + etag + "); run the sync again", e);
      }
      throw S3Errors.unreadable(where, "cannot read", e);
    } catch (SdkException e) {
      throw S3Errors.unreadable(where, "cannot read", e);
    }
  }

  @Override
  public Optional<Path> localFile() {
    return Optional.empty();
  }
}
