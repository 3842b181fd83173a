package io.offgridflow.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * File input decoded, and output written, on helper threads, so that the calculating thread only
 * parses, calculates and formats. Each side is a small bounded queue of blocks: memory stays flat.
 * The helpers run little code, so they do not add work for the JIT compiler.
 */
final class Prefetch {
  private static final int BLOCKS = 4;

  private Prefetch() {}

  /** Decodes UTF-8 from {@code in} on a helper thread; read it like any Reader. */
  static Reader decoding(InputStream in, String name) {
    return new DecodingReader(in, name);
  }

  /** Writes to {@code out} on a helper thread; {@link OutputStream#flush} and close wait for it. */
  static OutputStream writing(OutputStream out, String name) {
    return new WritingStream(out, name);
  }

  /** A block of chars, or the end (with the failure that ended it, if any). */
  private record Chars(char[] chars, int length, IOException failure) {
    static final Chars END = new Chars(new char[0], -1, null);
  }

  private static final class DecodingReader extends Reader {
    private final BlockingQueue<Chars> queue = new ArrayBlockingQueue<>(BLOCKS);
    private final Thread thread;
    private volatile boolean closed;
    private Chars current;
    private int offset;

    DecodingReader(InputStream in, String name) {
      this.thread = new Thread(() -> decode(in), name);
      thread.setDaemon(true);
      thread.start();
    }

    private void decode(InputStream in) {
      CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
      ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
      try (in) {
        boolean eof = false;
        while (!eof && !closed) {
          int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
          if (n < 0) {
            eof = true;
          } else {
            bytes.position(bytes.position() + n);
          }
          bytes.flip();
          CharBuffer chars = CharBuffer.allocate(1 << 16);
          CoderResult r = decoder.decode(bytes, chars, eof);
          if (eof) {
            decoder.flush(chars);
          }
          if (r.isError()) {
            r.throwException();
          }
          bytes.compact();
          if (chars.position() > 0) {
            put(new Chars(chars.array(), chars.position(), null));
          }
        }
        put(Chars.END);
      } catch (IOException e) {
        put(new Chars(new char[0], -1, e));
      }
    }

    private void put(Chars c) {
      try {
        while (!closed && !queue.offer(c, 50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
          // wait for the reader, unless it closed
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
      if (current == null || offset == current.length()) {
        try {
          current = queue.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted while reading");
        }
        offset = 0;
      }
      if (current.length() < 0) {
        queue.offer(current); // stay at the end
        if (current.failure() != null) {
          throw current.failure();
        }
        return -1;
      }
      int n = Math.min(len, current.length() - offset);
      System.arraycopy(current.chars(), offset, buf, off, n);
      offset += n;
      return n;
    }

    @Override
    public void close() {
      closed = true;
      queue.clear();
    }
  }

  private static final class WritingStream extends OutputStream {
    private static final byte[] FLUSH = new byte[0];
    private static final byte[] END = new byte[0];
    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(BLOCKS);
    private final BlockingQueue<Object> acks = new ArrayBlockingQueue<>(1);
    private final OutputStream out;
    private final Thread thread;
    private volatile IOException failure;

    WritingStream(OutputStream out, String name) {
      this.out = out;
      this.thread = new Thread(this::drain, name);
      thread.setDaemon(true);
      thread.start();
    }

    private void drain() {
      try {
        while (true) {
          byte[] b = queue.take();
          if (b == FLUSH || b == END) {
            try {
              if (failure == null) {
                out.flush();
                if (b == END) {
                  out.close();
                }
              }
            } catch (IOException e) {
              failure = e;
            }
            acks.put(b);
            if (b == END) {
              return;
            }
            continue;
          }
          if (failure == null) {
            try {
              out.write(b);
            } catch (IOException e) {
              failure = e;
            }
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void check() throws IOException {
      IOException f = failure;
      if (f != null) {
        throw new IOException(f.getMessage(), f);
      }
    }

    private void put(byte[] b) throws IOException {
      try {
        queue.put(b);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while writing");
      }
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      check();
      if (len > 0) {
        put(java.util.Arrays.copyOfRange(b, off, off + len));
      }
    }

    private void await(byte[] marker) throws IOException {
      put(marker);
      try {
        acks.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while writing");
      }
      check();
    }

    @Override
    public void flush() throws IOException {
      await(FLUSH);
    }

    @Override
    public void close() throws IOException {
      if (thread.isAlive()) {
        await(END);
      }
    }
  }
}
