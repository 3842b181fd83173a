package io.offgridflow.connectors.aws.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One stored CUR object or file as the connector reads it: its bytes as a stream (compressed or
 * not; the reader detects the format from the first bytes), its stored size for progress, and a
 * cheap content identity for checkpoints.
 */
public interface CurInput {

  /** What errors and progress name, e.g. {@code s3://bills/cur/x-00001.csv.gz} or a file path. */
  String name();

  /** Stored (compressed) size in bytes, for progress. */
  long size();

  /** Content identity: a changed fingerprint means a changed object. */
  String fingerprint();

  /** Opens the stored bytes; the caller closes the stream. */
  InputStream open() throws IOException;

  /** The object as a local file when it already is one (columnar readers need a file). */
  Optional<Path> localFile();
}
