package io.offgridflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class TestPostgresTest {

  @Test
  void schemasAreIsolatedFromEachOther() throws SQLException {
    DataSource a = TestPostgres.newSchema("iso_a");
    DataSource b = TestPostgres.newSchema("iso_b");
    try (Connection c = a.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (v int)");
      s.execute("INSERT INTO t VALUES (42)");
    }
    try (Connection c = b.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (v int)");
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
        rs.next();
        assertThat(rs.getInt(1)).isZero();
      }
    }
    try (Connection c = a.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT v FROM t")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(42);
    }
  }
}
