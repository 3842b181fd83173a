package io.offgridflow.connectors.azure.internal;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Export files on a local disk: either a folder laid out like the export's container, or single
 * files a host downloaded itself (then the name is the path as given).
 *
 * <pre>{@code
 * ExportStore store = new LocalExportStore(Path.of("/data/cost-exports"));
 * }</pre>
 */
public final class LocalExportStore implements ExportStore {
  private final Path root;

  /** A folder standing for the container: object names are paths relative to it. */
  public LocalExportStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The object for one local file (its name is the absolute path). */
  public static ExportObject single(Path file) {
    Path p = file.toAbsolutePath().normalize();
    try {
      return new ExportObject(p.toString(), Files.size(p), Files.getLastModifiedTime(p).toInstant(), "");
    } catch (IOException e) {
      throw new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, file + ": cannot read: " + e.getMessage(), e);
    }
  }

  @Override
  public List<ExportObject> list(String prefix) {
    if (!Files.isDirectory(root)) {
      throw new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, root + ": no such folder");
    }
    List<ExportObject> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
        String name = root.relativize(p).toString().replace('\\', '/');
        if (name.startsWith(prefix)) {
          out.add(new ExportObject(name, Files.size(p), Files.getLastModifiedTime(p).toInstant(), ""));
        }
      }
    } catch (IOException e) {
      throw new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, root + ": cannot list: " + e.getMessage(), e);
    }
    out.sort(Comparator.comparing(ExportObject::name));
    return out;
  }

  private Path path(ExportObject o) {
    Path p = Path.of(o.name());
    return p.isAbsolute() ? p : root.resolve(o.name());
  }

  @Override
  public InputStream open(ExportObject o) throws IOException {
    return Files.newInputStream(path(o));
  }

  /** Size and CRC32C of the bytes: a cheap content identity (CRC32C runs at several GB/s). */
  @Override
  public String fingerprint(ExportObject o) {
    Path p = path(o);
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      CRC32C crc = new CRC32C();
      ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
      long size = 0;
      while (ch.read(buf) >= 0) {
        buf.flip();
        size += buf.remaining();
        crc.update(buf);
        buf.clear();
      }
      return "size=" + size + ";crc32c=" + Long.toHexString(crc.getValue());
    } catch (IOException e) {
      throw new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, p + ": cannot read: " + e.getMessage(), e);
    }
  }

  @Override
  public String sourceKey(ExportObject o) {
    return path(o).toString();
  }

  @Override
  public String display(ExportObject o) {
    return o.name();
  }
}
