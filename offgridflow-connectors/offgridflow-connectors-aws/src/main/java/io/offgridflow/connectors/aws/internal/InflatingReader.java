package io.offgridflow.connectors.aws.internal;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A Reader whose bytes are read, inflated (gzip or zip, detected from the magic bytes) and decoded
 * from UTF-8 on a helper thread, so the calling thread only parses: on two cores inflating alone
 * costs about as much as parsing, and splitting them roughly doubles throughput (DESIGN.md ingest
 * facts). Blocks are recycled through a free list and the queue is bounded: memory stays flat
 * whatever the file size.
 */
final class InflatingReader extends Reader {
  private static final int BLOCK = 1 << 16;
  private static final int BLOCKS = 8;

  private final BlockingQueue<char[]> full = new ArrayBlockingQueue<>(BLOCKS + 2);
  private final BlockingQueue<char[]> free = new ArrayBlockingQueue<>(BLOCKS + 2);
  private final AtomicLong storedBytes = new AtomicLong();
  private final Thread thread;
  private volatile boolean closed;
  private volatile IOException failure;

  private char[] current;
  private int currentLength;
  private int offset;
  private boolean eof;

  // Each full block carries its length in a parallel queue: blocks are reused, so length travels apart.
  private final BlockingQueue<Integer> fullLengths = new ArrayBlockingQueue<>(BLOCKS + 2);

  InflatingReader(InputStream raw, String threadName) {
    for (int i = 0; i < BLOCKS; i++) {
      free.add(new char[BLOCK]);
    }
    InputStream counted = new FilterInputStream(raw) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          storedBytes.addAndGet(n);
        }
        return n;
      }
    };
    this.thread = new Thread(() -> pump(counted), threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /** Bytes of the stored (compressed) file read so far. */
  long storedBytesRead() {
    return storedBytes.get();
  }

  static InputStream decompressing(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(4);
    int b0 = in.read();
    int b1 = in.read();
    int b2 = in.read();
    int b3 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      return new GZIPInputStream(in, 1 << 16);
    }
    if (b0 == 'P' && b1 == 'K' && b2 == 3 && b3 == 4) {
      ZipInputStream zip = new ZipInputStream(in);
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        if (!e.isDirectory()) {
          return zip; // CUR zips hold one CSV
        }
      }
      throw new IOException("zip archive holds no file");
    }
    return in;
  }

  private void pump(InputStream raw) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    ByteBuffer bytes = ByteBuffer.allocate(BLOCK);
    try (InputStream in = decompressing(raw)) {
      boolean end = false;
      while (!end && !closed) {
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
          end = true;
        } else {
          bytes.position(bytes.position() + n);
        }
        bytes.flip();
        char[] block = takeFree();
        if (block == null) {
          return;
        }
        CharBuffer chars = CharBuffer.wrap(block);
        CoderResult r = decoder.decode(bytes, chars, end);
        if (end) {
          decoder.flush(chars);
        }
        if (r.isError()) {
          r.throwException();
        }
        bytes.compact();
        if (chars.position() > 0) {
          put(block, chars.position());
        } else {
          free.offer(block);
        }
      }
    } catch (IOException e) {
      failure = e;
    } catch (RuntimeException e) {
      failure = new IOException(e.toString(), e);
    }
    put(null, -1);
  }

  private char[] takeFree() {
    try {
      char[] b;
      while ((b = free.poll(50, TimeUnit.MILLISECONDS)) == null) {
        if (closed) {
          return null;
        }
      }
      return b;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private void put(char[] block, int length) {
    try {
      while (!closed && !fullLengths.offer(length, 50, TimeUnit.MILLISECONDS)) {
        // wait for the parser
      }
      if (block != null) {
        full.put(block);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public int read(char[] buf, int off, int len) throws IOException {
    if (eof) {
      return -1;
    }
    if (current == null || offset == currentLength) {
      if (current != null) {
        free.offer(current);
        current = null;
      }
      try {
        int n = fullLengths.take();
        if (n < 0) {
          eof = true;
          if (failure != null) {
            throw failure;
          }
          return -1;
        }
        current = full.take();
        currentLength = n;
        offset = 0;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading");
      }
    }
    int n = Math.min(len, currentLength - offset);
    System.arraycopy(current, offset, buf, off, n);
    offset += n;
    return n;
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
