package io.offgridflow.connectors.aws.s3;

import io.offgridflow.connectors.aws.internal.ColumnarCurReader;
import io.offgridflow.connectors.aws.internal.CurRun;
import io.offgridflow.connectors.aws.internal.CurSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test-only "columnar" format found through {@link java.util.ServiceLoader} like the Parquet
 * artifact's reader: the magic {@code OGFC} followed by CUR CSV. It records the local paths it was
 * given, so tests can check that S3 objects were copied to a temporary file that is gone after.
 */
public final class MagicCsvReader implements ColumnarCurReader {
  static final byte[] MAGIC = {'O', 'G', 'F', 'C'};
  static final List<Path> READ = new CopyOnWriteArrayList<>();

  @Override
  public String formatName() {
    return "ogfc";
  }

  @Override
  public boolean recognizes(byte[] head, int len) {
    return len >= 4 && head[0] == MAGIC[0] && head[1] == MAGIC[1] && head[2] == MAGIC[2] && head[3] == MAGIC[3];
  }

  @Override
  public void read(Path file, String name, CurRun run) throws IOException {
    READ.add(file);
    InputStream in = Files.newInputStream(file);
    in.skipNBytes(MAGIC.length);
    try (CurSource src = CurSource.open(in, Files.size(file) - MAGIC.length, name)) {
      src.readInto(run);
    }
  }
}
