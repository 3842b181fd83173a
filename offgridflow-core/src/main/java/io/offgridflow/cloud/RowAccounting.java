package io.offgridflow.cloud;

import io.offgridflow.CoreErrorCode;
import io.offgridflow.OffGridFlowException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where every row of a bill went. The invariant {@code read = estimated + unknown + unsupported +
 * ignored} holds for every run (checked on construction), and each non-estimated count is broken
 * down by reason so nothing is silently dropped.
 *
 * <pre>{@code
 * RowAccounting a = result.accounting();
 * a.read() == a.estimated() + a.unknown() + a.unsupported() + a.ignored();   // always
 * a.reasons();   // {"ignored: line item type Tax" -> 12, "unsupported: ..." -> 3, ...}
 * }</pre>
 *
 * @param read data rows read
 * @param estimated rows estimated by the model (compute, storage, networking, memory)
 * @param unknown rows estimated from the kWh-per-cost of known rows (CCF's unknown usage)
 * @param unsupported usage rows the model cannot estimate
 * @param ignored rows that are not usage (tax, credits, fees, RI fees, ...)
 * @param reasons count per reason; keys start with the category
 */
public record RowAccounting(long read, long estimated, long unknown, long unsupported, long ignored,
    Map<String, Long> reasons) {

  public RowAccounting {
    reasons = java.util.Collections.unmodifiableMap(new TreeMap<>(reasons));
    if (read != estimated + unknown + unsupported + ignored) {
      throw new OffGridFlowException(CoreErrorCode.INVALID_INPUT, "row accounting does not balance: read " + read
          + " != estimated " + estimated + " + unknown " + unknown + " + unsupported " + unsupported
          + " + ignored " + ignored);
    }
  }
}
