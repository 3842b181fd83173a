package io.offgridflow.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Bytes to a Writer, for results sent to stdout (picocli's writer, which tests capture). Only for
 * {@link CsvOut}, whose blocks always end on a character boundary, so each block decodes alone.
 */
final class WriterOutputStream extends OutputStream {
  private final Writer out;

  WriterOutputStream(Writer out) {
    this.out = out;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(new String(b, off, len, StandardCharsets.UTF_8));
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.flush(); // never close stdout
  }
}
