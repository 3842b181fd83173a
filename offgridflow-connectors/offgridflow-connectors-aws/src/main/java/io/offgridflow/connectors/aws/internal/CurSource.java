package io.offgridflow.connectors.aws.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;

/** An open CUR file: its decompressed, decoded text and how many stored bytes were read. */
public final class CurSource implements AutoCloseable {
  private final InflatingReader reader;
  private final long size;

  private CurSource(InflatingReader reader, long size) {
    this.reader = reader;
    this.size = size;
  }

  public static CurSource open(Path file) throws IOException {
    long size = Files.size(file);
    return new CurSource(new InflatingReader(Files.newInputStream(file), "offgridflow-cur-inflater"), size);
  }

  public Reader reader() {
    return reader;
  }

  public long storedBytesRead() {
    return reader.storedBytesRead();
  }

  public long size() {
    return size;
  }

  @Override
  public void close() {
    reader.close();
  }
}
