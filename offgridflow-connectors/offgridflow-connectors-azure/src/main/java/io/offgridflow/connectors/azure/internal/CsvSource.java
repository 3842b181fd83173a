package io.offgridflow.connectors.azure.internal;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * One export file as CSV records, streamed: the stored bytes (counted for progress), inflated when
 * they start with the gzip magic (whatever the name says), parsed by FastCSV. Memory is the
 * buffers, never the file.
 */
final class CsvSource implements Closeable {
  private final String name;
  private final CountingStream counted;
  private final CsvRow.Handler handler = new CsvRow.Handler();
  private final CsvReader<CsvRow> reader;
  private final CloseableIterator<CsvRow> records;

  private CsvSource(String name, InputStream raw) throws IOException {
    this.name = name;
    this.counted = new CountingStream(raw);
    BufferedInputStream in = new BufferedInputStream(counted, 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    InputStream text = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    // Field counts are checked by the caller, so the error can name the file, line and header.
    this.reader = CsvReader.builder().allowMissingFields(true).allowExtraFields(true).detectBomHeader(true)
        .build(handler, text, StandardCharsets.UTF_8);
    this.records = reader.iterator();
  }

  static CsvSource open(ExportStore store, ExportObject o) {
    String name = store.display(o);
    try {
      return new CsvSource(name, store.open(o));
    } catch (IOException | UncheckedIOException | com.azure.core.exception.AzureException e) {
      throw new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, name + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** From the next record on, only these fields are kept (the others read as ""). */
  void select(int... fields) {
    handler.select(fields);
  }

  /** The next record (the same object each time), or null at the end. */
  @Nullable CsvRow next() {
    try {
      return records.hasNext() ? records.next() : null;
    } catch (CsvParseException e) {
      throw new OffGridFlowException(CloudErrorCode.INVALID_BILL, name + ": malformed CSV: " + e.getMessage(), e);
    } catch (UncheckedIOException | com.azure.core.exception.AzureException e) {
      throw new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, name + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Stored (compressed) bytes read so far. */
  long storedBytesRead() {
    return counted.count;
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      // Nothing was lost: every record was already handed over; a close failure only leaks a handle.
      throw new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, name + ": cannot close: " + e.getMessage(), e);
    }
  }

  private static final class CountingStream extends FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
