package io.offgridflow.connectors.aws.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An open CUR file or object: its decompressed bytes, tokenized into a {@link CurRun}. The stored
 * bytes are read as a stream (a local file, or an S3 GetObject body), inflated on a helper thread
 * in bounded blocks, so memory does not grow with the object's size.
 */
public final class CurSource implements AutoCloseable {
  private final InflatingStream stream;
  private final long size;
  private final String name;

  private CurSource(InflatingStream stream, long size, String name) {
    this.stream = stream;
    this.size = size;
    this.name = name;
  }

  public static CurSource open(Path file, String name) throws IOException {
    long size = Files.size(file);
    return open(Files.newInputStream(file), size, name);
  }

  /**
   * Reads {@code stored} (plain, gzip or zip) of {@code size} stored bytes; the source owns the
   * stream from here on and closes it.
   */
  public static CurSource open(InputStream stored, long size, String name) {
    return new CurSource(new InflatingStream(stored, "offgridflow-cur-inflater"), size, name);
  }

  /** Feeds every record of the file to {@code run}. */
  public void readInto(CurRun run) throws IOException {
    new CurTokenizer().parse(stream, run, name);
  }

  public long storedBytesRead() {
    return stream.storedBytesRead();
  }

  public long size() {
    return size;
  }

  @Override
  public void close() {
    stream.close();
  }
}
