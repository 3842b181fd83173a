package io.offgridflow.connectors.azure.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Where export files live: a Blob container, or a local folder laid out the same way. The layout
 * rules ({@link ExportLayout}) and the readers work on this, so both behave alike.
 *
 * <pre>{@code
 * ExportStore store = new BlobExportStore(containerClient);
 * for (ExportObject o : store.list("exports/daily/")) store.fingerprint(o);
 * }</pre>
 */
public interface ExportStore {

  /** Every object whose name starts with the prefix, in name order. */
  List<ExportObject> list(String prefix);

  /** The bytes of an object as listed; a blob that changed since it was listed fails to open. */
  InputStream open(ExportObject o) throws IOException;

  /** Content identity of a listed object, stored in checkpoints. */
  String fingerprint(ExportObject o);

  /** Checkpoint key of an object: unique across stores (account, container or folder, name). */
  String sourceKey(ExportObject o);

  /** How messages name an object. */
  String display(ExportObject o);
}
