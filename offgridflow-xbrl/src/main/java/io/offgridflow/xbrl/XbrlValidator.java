package io.offgridflow.xbrl;

import io.offgridflow.xbrl.internal.DocumentReader;
import io.offgridflow.xbrl.internal.ParsedDocument;
import io.offgridflow.xbrl.internal.XbrlNames;
import io.offgridflow.xbrl.internal.XbrlRules;
import io.offgridflow.xbrl.spi.TaxonomyMapping;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.jspecify.annotations.Nullable;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Validates XBRL instances and Inline XBRL documents offline: XML Schema validity against the base
 * schemas and the taxonomy's concept declarations (all resolved through a {@link SchemaCatalog},
 * never the network), then the XBRL 2.1 rules (contextRef and unitRef resolve, decimals present, no
 * duplicate or inconsistent facts), units from the Units Registry fitting each concept's type,
 * period types, dimension placement (scenario only; the Scope 3 category axis only on Scope 3)
 * and calculation consistency. Every problem comes back as a {@link ValidationIssue} with a stable
 * {@link XbrlErrorCode}. Immutable and thread-safe; compiled schemas are cached.
 *
 * <p>This is not a full XBRL processor: it knows the taxonomy through the {@link TaxonomyMapping},
 * not by reading its linkbases, so it checks the relationships the mapping states.
 *
 * <pre>{@code
 * XbrlValidator validator = XbrlValidator.builder()
 *     .catalog(SchemaCatalog.builder().mirror(Path.of("shared/xbrl-schemas"))
 *         .map(EsrsSet1Taxonomy.ENTRY_POINT, Path.of("esrs_all.xsd")).build())
 *     .build();
 * ValidationReport r = validator.validateXbrl(Path.of("ghg-2024.xbrl"));
 * }</pre>
 */
public final class XbrlValidator {
  private final SchemaCatalog catalog;
  private final XbrlRules rules;
  private final Map<Set<String>, Schema> schemas = new ConcurrentHashMap<>();

  private XbrlValidator(Builder b, SchemaCatalog catalog) {
    this.catalog = catalog;
    this.rules = new XbrlRules(b.taxonomy, b.registry);
  }

  public static Builder builder() {
    return new Builder();
  }

  public ValidationReport validateXbrl(Path file) {
    return validateXbrl(read(file), file.toString());
  }

  /**
   * Validates an XBRL 2.1 instance.
   *
   * @param name names the document in messages
   * @throws XbrlException {@link XbrlErrorCode#UNREADABLE_DOCUMENT} when it is not XBRL at all,
   *     {@link XbrlErrorCode#SCHEMA_NOT_AVAILABLE} when the catalog lacks a schema it needs
   */
  public ValidationReport validateXbrl(byte[] document, String name) {
    DocumentReader reader = new DocumentReader();
    ParsedDocument doc = reader.readInstance(document, name);
    List<ValidationIssue> issues = new ArrayList<>();
    Set<String> entry = new LinkedHashSet<>(doc.schemaRefs());
    entry.add(XbrlNames.XBRL_INSTANCE_XSD);
    entry.add(XbrlNames.XBRLDI_XSD);
    schemaValidate(schema(entry), new StreamSource(new ByteArrayInputStream(document), name), name, issues);
    issues.addAll(rules.check(doc));
    return new ValidationReport(name, doc.facts().size(), issues);
  }

  public ValidationReport validateInlineXbrl(Path file) {
    return validateInlineXbrl(read(file), file.toString());
  }

  /**
   * Validates an Inline XBRL 1.1 document: the XHTML against the Inline XBRL schema, the instance
   * it stands for against the taxonomy, then the same XBRL rules as {@link #validateXbrl}.
   */
  public ValidationReport validateInlineXbrl(byte[] document, String name) {
    DocumentReader reader = new DocumentReader();
    ParsedDocument doc = reader.readInline(document, name);
    List<ValidationIssue> issues = new ArrayList<>();
    schemaValidate(schema(Set.of(XbrlNames.INLINE_XSD)), new StreamSource(new ByteArrayInputStream(document), name),
        name, issues);
    reader.issues().forEach(i -> issues.add(new ValidationIssue(i.code(), i.message(), i.location())));
    if (reader.targetInstance().isPresent()) {
      Set<String> entry = new LinkedHashSet<>(doc.schemaRefs());
      entry.add(XbrlNames.XBRL_INSTANCE_XSD);
      entry.add(XbrlNames.XBRLDI_XSD);
      schemaValidate(schema(entry), new DOMSource(reader.targetInstance().get(), name),
          name + " (target instance)", issues);
    }
    issues.addAll(rules.check(doc));
    return new ValidationReport(name, doc.facts().size(), issues);
  }

  private Schema schema(Set<String> urls) {
    Schema cached = schemas.get(urls);
    if (cached != null) {
      return cached;
    }
    SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    f.setResourceResolver(catalog.resourceResolver());
    List<Source> sources = new ArrayList<>();
    for (String url : urls) {
      Path p = catalog.require(url);
      sources.add(source(p, url));
    }
    try {
      Schema s = f.newSchema(sources.toArray(Source[]::new));
      schemas.put(Set.copyOf(urls), s);
      return s;
    } catch (SAXException e) {
      throw new XbrlException(XbrlErrorCode.SCHEMA_NOT_AVAILABLE, "cannot compile the schemas " + urls + ": "
          + e.getMessage(), e);
    }
  }

  /** The local file read under its public URL, so its relative imports resolve through the catalog. */
  private static Source source(Path file, String url) {
    try {
      return new StreamSource(new ByteArrayInputStream(Files.readAllBytes(file)), url);
    } catch (IOException e) {
      throw new XbrlException(XbrlErrorCode.SCHEMA_NOT_AVAILABLE, "cannot read schema " + file + ": " + e.getMessage(), e);
    }
  }

  private static void schemaValidate(Schema schema, Source source, String name, List<ValidationIssue> issues) {
    Validator v = schema.newValidator();
    try {
      // The compiled schema is all the validator may use: no DTDs or schema hints fetched on the way.
      v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    } catch (SAXException e) {
      throw new XbrlException(XbrlErrorCode.SCHEMA_NOT_AVAILABLE, "cannot lock the XML validator offline: " + e, e);
    }
    v.setErrorHandler(new ErrorHandler() {
      @Override
      public void warning(SAXParseException e) {
        // Warnings are not validity errors (e.g. a lax wildcard skipping an unknown element).
      }

      @Override
      public void error(SAXParseException e) {
        issues.add(new ValidationIssue(XbrlErrorCode.SCHEMA_INVALID, e.getMessage(), where(name, e)));
      }

      @Override
      public void fatalError(SAXParseException e) {
        issues.add(new ValidationIssue(XbrlErrorCode.SCHEMA_INVALID, e.getMessage(), where(name, e)));
      }
    });
    try {
      v.validate(source);
    } catch (SAXException e) {
      if (issues.isEmpty()) {
        issues.add(new ValidationIssue(XbrlErrorCode.SCHEMA_INVALID, e.getMessage(), name));
      }
    } catch (IOException e) {
      throw new XbrlException(XbrlErrorCode.UNREADABLE_DOCUMENT, "cannot read " + name + ": " + e.getMessage(), e);
    }
  }

  private static String where(String name, SAXParseException e) {
    return e.getLineNumber() > 0 ? name + ":" + e.getLineNumber() + ":" + e.getColumnNumber() : name;
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new XbrlException(XbrlErrorCode.UNREADABLE_DOCUMENT, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Builder for {@link XbrlValidator}. */
  public static final class Builder {
    private @Nullable SchemaCatalog catalog;
    private TaxonomyMapping taxonomy = new EsrsSet1Taxonomy();
    private UnitRegistry registry = UnitRegistry.bundled();

    private Builder() {}

    /** Where the base schemas and the taxonomy's schemas are; required. */
    public Builder catalog(SchemaCatalog catalog) {
      this.catalog = catalog;
      return this;
    }

    /** The taxonomy whose concepts, axes and calculations to check; ESRS Set 1 by default. */
    public Builder taxonomy(TaxonomyMapping taxonomy) {
      this.taxonomy = taxonomy;
      return this;
    }

    /** The Units Registry; the bundled 2024-01-31 REC by default. */
    public Builder unitRegistry(UnitRegistry registry) {
      this.registry = registry;
      return this;
    }

    public XbrlValidator build() {
      if (catalog == null) {
        throw new XbrlException(XbrlErrorCode.SCHEMA_NOT_AVAILABLE, "the validator needs a SchemaCatalog with the"
            + " XBRL base schemas and the taxonomy's schema; it never downloads them");
      }
      return new XbrlValidator(this, catalog);
    }
  }
}
