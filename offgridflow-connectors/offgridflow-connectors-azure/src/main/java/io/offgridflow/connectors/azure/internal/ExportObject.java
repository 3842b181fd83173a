package io.offgridflow.connectors.azure.internal;

import java.time.Instant;

/**
 * One stored object of an export location: a blob or a local file.
 *
 * <pre>{@code
 * new ExportObject("exports/daily/20250101-20250131/daily_1.csv", 1024, Instant.now(), "0x8DC...");
 * }</pre>
 *
 * @param name blob name (or path relative to a local root, with '/')
 * @param size bytes as stored
 * @param lastModified when it was last written
 * @param etag the blob's ETag ("" for local files)
 */
public record ExportObject(String name, long size, Instant lastModified, String etag) {

  /** The last path segment. */
  public String fileName() {
    return name.substring(name.lastIndexOf('/') + 1);
  }
}
