package io.offgridflow.connectors.aws.internal;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import software.amazon.awssdk.core.exception.SdkException;

/** SDK failures as connector errors naming the S3 location. */
final class S3Errors {
  private S3Errors() {}

  static OffGridFlowException unreadable(S3Location where, String what, SdkException e) {
    return new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, where + ": " + what + ": " + e.getMessage(), e);
  }
}
