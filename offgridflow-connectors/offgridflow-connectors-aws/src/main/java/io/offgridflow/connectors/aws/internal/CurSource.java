package io.offgridflow.connectors.aws.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** An open CUR file: its decompressed bytes, tokenized into a {@link CurRun}. */
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
    return new CurSource(new InflatingStream(Files.newInputStream(file), "offgridflow-cur-inflater"), size, name);
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
