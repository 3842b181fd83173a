package io.offgridflow.xbrl;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.catalog.CatalogFeatures;
import javax.xml.catalog.CatalogManager;
import javax.xml.catalog.CatalogResolver;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;

/**
 * Where schemas come from when validating: local files only, never the network. Three sources, in
 * this order: single URLs mapped to files, mirror folders laid out by URL ({@code
 * http/www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd}, as ../shared/xbrl-schemas is), and OASIS XML
 * catalogs — the {@code META-INF/catalog.xml} of an XBRL taxonomy package such as EFRAG's, resolved
 * with the JDK's {@code javax.xml.catalog}. A URL none of them resolves fails with {@link
 * XbrlErrorCode#SCHEMA_NOT_AVAILABLE} naming it.
 *
 * <pre>{@code
 * SchemaCatalog catalog = SchemaCatalog.builder()
 *     .mirror(Path.of("shared/xbrl-schemas"))
 *     .oasisCatalog(Path.of("esrs-taxonomy/META-INF/catalog.xml"))
 *     .build();
 * }</pre>
 */
public final class SchemaCatalog {
  private final Map<String, Path> files;
  private final List<Path> mirrors;
  private final @Nullable CatalogResolver oasis;
  private final DOMImplementationLS domLs;

  private SchemaCatalog(Builder b) {
    this.domLs = domImplementationLs();
    this.files = Map.copyOf(b.files);
    this.mirrors = List.copyOf(b.mirrors);
    this.oasis = b.catalogs.isEmpty() ? null : CatalogManager.catalogResolver(
        CatalogFeatures.builder().with(CatalogFeatures.Feature.RESOLVE, "continue").build(),
        b.catalogs.stream().map(Path::toUri).toArray(URI[]::new));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The local file of a schema URL, if any source has it. */
  public Optional<Path> find(String url) {
    Path mapped = files.get(url);
    if (mapped != null) {
      return Optional.of(mapped);
    }
    int colon = url.indexOf("://");
    if (colon > 0) {
      String relative = url.substring(0, colon) + "/" + url.substring(colon + 3);
      for (Path root : mirrors) {
        Path p = root.resolve(relative).normalize();
        if (p.startsWith(root) && Files.isRegularFile(p)) {
          return Optional.of(p);
        }
      }
    }
    if (oasis != null) {
      var source = oasis.resolve(url, null);
      if (source != null && source.getSystemId() != null && !source.getSystemId().equals(url)) {
        URI uri = URI.create(source.getSystemId());
        if ("file".equals(uri.getScheme()) && Files.isRegularFile(Path.of(uri))) {
          return Optional.of(Path.of(uri));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The local file of a schema URL.
   *
   * @throws XbrlException with {@link XbrlErrorCode#SCHEMA_NOT_AVAILABLE} naming the URL
   */
  public Path require(String url) {
    return find(url).orElseThrow(() -> new XbrlException(XbrlErrorCode.SCHEMA_NOT_AVAILABLE,
        "schema " + url + " is not in the offline catalog (mirrors " + mirrors + ", " + files.size()
            + " mapped files); add its folder or the taxonomy package's catalog.xml — the network is never used"));
  }

  /** An XML Schema resource resolver over this catalog; unknown URLs fail rather than download. */
  public LSResourceResolver resourceResolver() {
    return (type, namespaceUri, publicId, systemId, baseUri) -> {
      if (systemId == null) {
        return null; // an import by namespace only: the schema set already holds it
      }
      // Schemas are read under their public URLs (see input()), so relative imports resolve to URLs
      // too and every schema, however reached, must come from the catalog: a document cannot make
      // the validator read an arbitrary local file or a remote one.
      String absolute = baseUri == null ? systemId : URI.create(baseUri).resolve(systemId).toString();
      return input(publicId, absolute, require(absolute));
    };
  }

  /**
   * The input keeps the schema's public URL as its system id, so relative imports inside it
   * resolve against the URL (and come back here) rather than against the local file.
   */
  private LSInput input(@Nullable String publicId, String systemId, Path file) {
    LSInput in = domLs.createLSInput();
    in.setPublicId(publicId);
    in.setSystemId(systemId);
    try {
      // The parser closes the stream when it has read the schema.
      in.setByteStream(Files.newInputStream(file));
    } catch (IOException e) {
      throw new XbrlException(XbrlErrorCode.SCHEMA_NOT_AVAILABLE, "cannot read schema " + file + " for "
          + systemId + ": " + e.getMessage(), e);
    }
    return in;
  }

  private static DOMImplementationLS domImplementationLs() {
    try {
      return (DOMImplementationLS) DocumentBuilderFactory.newInstance().newDocumentBuilder().getDOMImplementation();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser cannot be configured", e);
    }
  }

  /** Builder for {@link SchemaCatalog}. */
  public static final class Builder {
    private final Map<String, Path> files = new LinkedHashMap<>();
    private final List<Path> mirrors = new ArrayList<>();
    private final List<Path> catalogs = new ArrayList<>();

    private Builder() {}

    /** A folder of schemas laid out by URL: {@code http://host/p.xsd} is {@code root/http/host/p.xsd}. */
    public Builder mirror(Path root) {
      if (!Files.isDirectory(root)) {
        throw new XbrlException(XbrlErrorCode.SCHEMA_NOT_AVAILABLE, "schema mirror " + root + " is not a folder");
      }
      mirrors.add(root.toAbsolutePath().normalize());
      return this;
    }

    /** One schema URL served from one file, e.g. a taxonomy entry point. */
    public Builder map(String url, Path file) {
      if (!Files.isRegularFile(file)) {
        throw new XbrlException(XbrlErrorCode.SCHEMA_NOT_AVAILABLE, "schema file " + file + " for " + url
            + " does not exist");
      }
      files.put(url, file.toAbsolutePath().normalize());
      return this;
    }

    /** An OASIS XML catalog, e.g. a taxonomy package's {@code META-INF/catalog.xml}. */
    public Builder oasisCatalog(Path catalogXml) {
      if (!Files.isRegularFile(catalogXml)) {
        throw new XbrlException(XbrlErrorCode.SCHEMA_NOT_AVAILABLE, "XML catalog " + catalogXml + " does not exist");
      }
      catalogs.add(catalogXml.toAbsolutePath().normalize());
      return this;
    }

    public SchemaCatalog build() {
      return new SchemaCatalog(this);
    }
  }
}
