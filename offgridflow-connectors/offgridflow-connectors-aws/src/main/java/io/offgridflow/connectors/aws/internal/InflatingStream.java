package io.offgridflow.connectors.aws.internal;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The decompressed bytes of a file (gzip or zip, detected from the magic bytes; else as stored),
 * read and inflated on a helper thread so the calling thread only tokenizes: on two cores inflating
 * costs about as much as parsing, and splitting them roughly doubles throughput (DESIGN.md ingest
 * facts). The tokenizer works on UTF-8 bytes directly, so nothing is decoded here. Blocks are
 * recycled through a free list and the queue is bounded: memory stays flat whatever the file size.
 */
final class InflatingStream implements AutoCloseable {
  private static final int BLOCK = 1 << 17;
  private static final int BLOCKS = 6;

  private final BlockingQueue<byte[]> full = new ArrayBlockingQueue<>(BLOCKS + 2);
  private final BlockingQueue<Integer> fullLengths = new ArrayBlockingQueue<>(BLOCKS + 2);
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BLOCKS + 2);
  private final AtomicLong storedBytes = new AtomicLong();
  private final Thread thread;
  private volatile boolean closed;
  private volatile IOException failure;
  private boolean eof;

  InflatingStream(InputStream raw, String threadName) {
    for (int i = 0; i < BLOCKS; i++) {
      free.add(new byte[BLOCK]);
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
    try (InputStream in = decompressing(raw)) {
      while (!closed) {
        byte[] block = takeFree();
        if (block == null) {
          return;
        }
        int n = 0;
        while (n < block.length) {
          int k = in.read(block, n, block.length - n);
          if (k < 0) {
            break;
          }
          n += k;
        }
        if (n > 0) {
          put(block, n);
        }
        if (n < block.length) {
          break; // end of input
        }
      }
    } catch (IOException e) {
      failure = e;
    } catch (RuntimeException e) {
      failure = new IOException(e.toString(), e);
    }
    put(null, -1);
  }

  private byte[] takeFree() {
    try {
      byte[] b;
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

  private void put(byte[] block, int length) {
    try {
      while (!closed && !fullLengths.offer(length, 50, TimeUnit.MILLISECONDS)) {
        // wait for the tokenizer
      }
      if (block != null && !closed) {
        full.put(block);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Copies the next block into {@code dst} at {@code off} (which must have room for a whole block)
   * and returns its length, or -1 at the end. The previous block goes back to the free list.
   */
  int next(byte[] dst, int off) throws IOException {
    if (eof) {
      return -1;
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
      byte[] b = full.take();
      System.arraycopy(b, 0, dst, off, n);
      free.offer(b);
      return n;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading");
    }
  }

  static int blockSize() {
    return BLOCK;
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
