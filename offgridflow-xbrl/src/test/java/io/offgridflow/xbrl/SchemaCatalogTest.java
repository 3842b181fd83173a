package io.offgridflow.xbrl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaCatalogTest {
  @TempDir Path dir;

  /** A taxonomy package's META-INF/catalog.xml rewrites the taxonomy's URL prefix to its folder. */
  @Test
  void anOasisCatalogLikeATaxonomyPackagesResolvesTheEntryPoint() throws Exception {
    Path taxonomy = Files.createDirectories(dir.resolve("esrs/2023-12-22"));
    Files.copy(Fixtures.testTaxonomy(), taxonomy.resolve("esrs_all.xsd"));
    Path catalogXml = Files.createDirectories(dir.resolve("META-INF")).resolve("catalog.xml");
    Files.writeString(catalogXml, """
        <?xml version="1.0" encoding="UTF-8"?>
        <catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
          <rewriteURI uriStartString="https://xbrl.efrag.org/taxonomy/esrs/" rewritePrefix="../esrs/"/>
        </catalog>
        """);
    SchemaCatalog catalog = SchemaCatalog.builder().mirror(Fixtures.schemas()).oasisCatalog(catalogXml).build();

    assertThat(catalog.find(EsrsSet1Taxonomy.ENTRY_POINT)).contains(taxonomy.resolve("esrs_all.xsd"));
    XbrlValidator validator = XbrlValidator.builder().catalog(catalog).build();
    byte[] xbrl = Fixtures.xbrl(Fixtures.reporter().toInstance(Fixtures.report()));
    assertThat(validator.validateXbrl(xbrl, "ghg.xbrl").issues()).isEmpty();
  }

  @Test
  void mirrorsResolveByUrlLayoutAndNothingEscapesTheMirror() {
    SchemaCatalog catalog = SchemaCatalog.builder().mirror(Fixtures.schemas()).build();
    assertThat(catalog.find("http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd")).isPresent();
    assertThat(catalog.find("http://www.xbrl.org/../../../../etc/passwd")).isEmpty();
    assertThatThrownBy(() -> catalog.require("https://example.com/x.xsd"))
        .isInstanceOfSatisfying(XbrlException.class, e -> assertThat(e.code()).isEqualTo(XbrlErrorCode.SCHEMA_NOT_AVAILABLE))
        .hasMessageContaining("https://example.com/x.xsd").hasMessageContaining("never used");
  }

  @Test
  void missingFoldersAndFilesAreNamed() {
    assertThatThrownBy(() -> SchemaCatalog.builder().mirror(dir.resolve("nope"))).hasMessageContaining("nope");
    assertThatThrownBy(() -> SchemaCatalog.builder().map("http://x/y.xsd", dir.resolve("y.xsd")))
        .hasMessageContaining("y.xsd");
    assertThatThrownBy(() -> XbrlValidator.builder().build()).hasMessageContaining("SchemaCatalog");
  }
}
