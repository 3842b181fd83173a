package io.offgridflow.connectors.aws.internal;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The {@link ColumnarCurReader}s on the class path, found once with {@link ServiceLoader}. A file
 * that starts with Parquet's magic and has no reader fails with the artifact to add, instead of
 * being parsed as garbled CSV.
 */
public final class ColumnarReaders {
  /** Bytes of a file's head that readers get to recognize it. */
  public static final int HEAD = 16;
  private static final byte[] PARQUET_MAGIC = {'P', 'A', 'R', '1'};

  private final List<ColumnarCurReader> readers;

  private ColumnarReaders(List<ColumnarCurReader> readers) {
    this.readers = List.copyOf(readers);
  }

  /** The readers visible to this class's loader. */
  public static ColumnarReaders load() {
    List<ColumnarCurReader> found = new ArrayList<>();
    ServiceLoader.load(ColumnarCurReader.class, ColumnarReaders.class.getClassLoader()).forEach(found::add);
    return new ColumnarReaders(found);
  }

  /**
   * The reader for a file starting with {@code head[0..len)}, or empty for row formats (CSV, gzip, zip).
   *
   * @throws OffGridFlowException naming the file and the artifact to add, for Parquet with no reader
   */
  public Optional<ColumnarCurReader> find(byte[] head, int len, String name) {
    for (ColumnarCurReader r : readers) {
      if (r.recognizes(head, len)) {
        return Optional.of(r);
      }
    }
    if (startsWith(head, len, PARQUET_MAGIC)) {
      throw new OffGridFlowException(CloudErrorCode.UNSUPPORTED_BILL_FORMAT, name
          + " is a Parquet file; add io.offgridflow:offgridflow-connectors-aws-parquet to the class path");
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] head, int len, byte[] magic) {
    if (len < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (head[i] != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
