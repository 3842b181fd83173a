package io.offgridflow.connectors.aws.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What one checkpoint covers: a single file or object, or every object of one billing period's
 * report as its manifest lists them (a new assembly of the month then supersedes the old one as a
 * whole, even though its objects have new keys).
 *
 * @param key checkpoint key, e.g. a file path, {@code s3://bucket/key} or a manifest's s3 URI
 * @param name what results and messages call it
 * @param parts the objects to read, in order
 * @param version the delivery's own id (CUR 1.0 assemblyId, CUR 2.0 executionId), or empty
 */
public record BillSource(String key, String name, List<CurInput> parts, String version) {
  public BillSource {
    parts = List.copyOf(parts);
  }

  /** A source that is one file or object. */
  public static BillSource single(String key, CurInput part) {
    return new BillSource(key, part.name(), List.of(part), "");
  }

  /** The delivery id and every part's fingerprint: any change in any part changes it. */
  public String fingerprint() {
    if (parts.size() == 1 && version.isEmpty()) {
      return parts.get(0).fingerprint();
    }
    // Hashed: a month can have hundreds of parts, and checkpoint stores keep the fingerprint in a column.
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    for (CurInput p : parts) {
      sha.update((p.name() + '\n' + p.fingerprint() + '\n').getBytes(StandardCharsets.UTF_8));
    }
    return (version.isEmpty() ? "" : "version=" + version + ";") + "parts=" + parts.size() + ";sha256="
        + HexFormat.of().formatHex(sha.digest());
  }
}
