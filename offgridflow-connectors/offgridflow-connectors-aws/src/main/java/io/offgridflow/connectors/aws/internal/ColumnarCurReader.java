package io.offgridflow.connectors.aws.internal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads a CUR file stored in a columnar format (CUR 2.0 Parquet) into a {@link CurRun}.
 * Implementations live in their own artifact ({@code offgridflow-connectors-aws-parquet}) and are
 * found with {@link java.util.ServiceLoader}, so CSV-only users do not carry Parquet's and Hadoop's
 * dependencies; the connector reports a clear error naming the missing artifact when a file has a
 * columnar format's magic bytes and no reader is on the class path.
 */
public interface ColumnarCurReader {

  /** Short format name for messages and results, e.g. {@code parquet}. */
  String formatName();

  /** Whether a file starting with {@code head[0..len)} is in this format (its magic bytes). */
  boolean recognizes(byte[] head, int len);

  /**
   * Feeds every row of the local file {@code file} to {@code run}; the caller has already called
   * {@link CurRun#startFile(String)} with {@code name}, which errors name.
   */
  void read(Path file, String name, CurRun run) throws IOException;

  /**
   * Whether {@link #read} feeds the tags a run groups by ({@link CurRun#bindColumnsAndTags},
   * {@link CurRun#setTag}). The connector refuses a sync with tags on a reader that does not,
   * before copying an S3 object, rather than report every row as untagged.
   */
  default boolean readsTags() {
    return false;
  }
}
