package io.offgridflow.connectors.gcp.internal;

import io.offgridflow.CoreErrorCode;
import io.offgridflow.OffGridFlowException;
import java.util.regex.Pattern;

/**
 * A validated BigQuery table id, {@code project.dataset.table}. Table names cannot be query
 * parameters in BigQuery, so the id is checked against the characters BigQuery allows and quoted
 * with backticks; every value in a query is a named parameter.
 *
 * <pre>{@code
 * ExportTable t = ExportTable.parse("my-project.carbon.carbon_footprint", "Carbon Footprint export");
 * String sql = "SELECT COUNT(*) FROM " + t.sql();   // `my-project.carbon.carbon_footprint`
 * }</pre>
 */
public final class ExportTable {
  // Project ids may be domain-scoped (example.com:my-project) and contain dashes; no backticks, spaces or quotes.
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_:\\-.]+\\.[A-Za-z0-9_]+\\.[A-Za-z0-9_\\-$]+");

  private final String id;

  private ExportTable(String id) {
    this.id = id;
  }

  /** Parses {@code project.dataset.table}, failing with what a valid id looks like. */
  public static ExportTable parse(String id, String what) {
    String t = id.trim();
    if (!ID.matcher(t).matches()) {
      throw new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION, what + " table id '" + id
          + "' is not project.dataset.table (letters, digits, '_', '-', ':' in the project; e.g. "
          + "my-project.carbon.carbon_footprint)");
    }
    return new ExportTable(t);
  }

  /** The id as given, e.g. {@code my-project.billing.gcp_billing_export_v1_0123}. */
  public String id() {
    return id;
  }

  /** The id quoted for Standard SQL. */
  public String sql() {
    return "`" + id + "`";
  }

  @Override
  public String toString() {
    return id;
  }
}
