package io.offgridflow.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 bytes to a Writer, for results sent to stdout (picocli's writer, which tests capture). A
 * character split across two writes is decoded whole.
 */
final class WriterOutputStream extends OutputStream {
  private final Writer out;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPLACE)
      .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private final ByteBuffer pending = ByteBuffer.allocate(8);
  private final CharBuffer chars = CharBuffer.allocate(1 << 14);

  WriterOutputStream(Writer out) {
    this.out = out;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(b, off, len);
    // First finish a character left incomplete by the previous write.
    while (pending.position() > 0 && in.hasRemaining()) {
      pending.put(in.get());
      pending.flip();
      decode(pending);
      pending.compact();
    }
    decode(in);
    while (in.hasRemaining()) {
      pending.put(in.get());
    }
  }

  private void decode(ByteBuffer in) throws IOException {
    while (true) {
      CoderResult r = decoder.decode(in, chars, false);
      chars.flip();
      out.write(chars.array(), chars.arrayOffset() + chars.position(), chars.remaining());
      chars.clear();
      if (!r.isOverflow()) {
        return;
      }
    }
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
