package io.offgridflow.factors;

import io.offgridflow.CoreErrorCode;

import io.offgridflow.OffGridFlowException;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * Identity and provenance of a factor dataset.
 *
 * @param id stable id with its edition, e.g. {@code epa-egrid-2023}
 * @param name human-readable title
 * @param publisher who publishes the numbers
 * @param edition the publisher's edition label, e.g. {@code eGRID2023 (Jan 2025)}
 * @param published when this edition was published; the newest covering dataset wins by default
 * @param licence licence of the data
 * @param tier whether the dataset is used by default or only where no primary dataset covers a
 *     row
 *
 *     <pre>{@code
 * DatasetInfo mine = new DatasetInfo("acme-supplier-2025", "Acme supplier rates", "Acme Power",
 *     "2025", LocalDate.of(2025, 3, 1), "proprietary", DatasetInfo.Tier.PRIMARY);
 * }</pre>
 */
public record DatasetInfo(
    String id,
    String name,
    String publisher,
    String edition,
    LocalDate published,
    String licence,
    Tier tier) {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.-]*");

  /** Whether a dataset competes for default resolution or only fills gaps. */
  public enum Tier {
    /** Chosen by default where it covers a row (newest primary wins). */
    PRIMARY,
    /** Chosen by default only where no primary dataset covers a row (e.g. global grid averages). */
    FALLBACK
  }

  public DatasetInfo {
    if (id == null || !ID.matcher(id).matches()) {
      throw new OffGridFlowException(
          CoreErrorCode.INVALID_CONFIGURATION,
          "dataset id '" + id + "' must be lower-case letters, digits, '.' and '-'");
    }
    if (name == null || publisher == null || edition == null || published == null
        || licence == null || tier == null) {
      throw new OffGridFlowException(
          CoreErrorCode.INVALID_CONFIGURATION, "dataset " + id + " is missing provenance fields");
    }
  }
}
