package io.offgridflow.connectors.azure.internal;

import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobInputStreamOptions;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Export files in a Blob container, read with the host's own {@link BlobContainerClient}.
 *
 * <pre>{@code
 * ExportStore store = new BlobExportStore(blobServiceClient.getBlobContainerClient("billing"));
 * }</pre>
 */
public final class BlobExportStore implements ExportStore {
  // 4 MiB ranged reads: constant memory whatever the blob size, few round trips.
  private static final int BLOCK = 4 << 20;

  private final BlobContainerClient container;

  public BlobExportStore(BlobContainerClient container) {
    this.container = container;
  }

  @Override
  public List<ExportObject> list(String prefix) {
    List<ExportObject> out = new ArrayList<>();
    for (BlobItem b : container.listBlobs(new ListBlobsOptions().setPrefix(prefix), null)) {
      if (Boolean.TRUE.equals(b.isPrefix()) || b.getProperties() == null) {
        continue;
      }
      Long len = b.getProperties().getContentLength();
      Instant modified = b.getProperties().getLastModified() == null ? Instant.EPOCH
          : b.getProperties().getLastModified().toInstant();
      String etag = b.getProperties().getETag() == null ? "" : b.getProperties().getETag();
      out.add(new ExportObject(b.getName(), len == null ? -1 : len, modified, etag));
    }
    out.sort(Comparator.comparing(ExportObject::name));
    return out;
  }

  @Override
  public InputStream open(ExportObject o) {
    // If-Match the listed ETag: the bytes read are the bytes the checkpoint fingerprint names.
    BlobInputStreamOptions options = new BlobInputStreamOptions().setBlockSize(BLOCK);
    if (!o.etag().isEmpty()) {
      options.setRequestConditions(new BlobRequestConditions().setIfMatch(o.etag()));
    }
    return container.getBlobClient(o.name()).openInputStream(options, Context.NONE);
  }

  @Override
  public String fingerprint(ExportObject o) {
    return "etag=" + o.etag() + ";length=" + o.size();
  }

  @Override
  public String sourceKey(ExportObject o) {
    return "blob:" + container.getAccountName() + "/" + container.getBlobContainerName() + "/" + o.name();
  }

  @Override
  public String display(ExportObject o) {
    return container.getBlobContainerName() + "/" + o.name();
  }
}
