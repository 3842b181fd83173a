package io.offgridflow;

/**
 * A stable error code carried by every {@link OffGridFlowException}. Each module declares its codes
 * as an enum implementing this interface ({@link CoreErrorCode} for the core), so modules add codes
 * without editing the core. A host logs {@link #name()} and may persist it: names never change.
 *
 * <pre>{@code
 * if (e.code() == CoreErrorCode.FACTOR_NOT_FOUND) { ... }
 * }</pre>
 */
public interface ErrorCode {
  /** The code's stable name, e.g. {@code FACTOR_NOT_FOUND}. */
  String name();

  /** Whether an operation that failed with this code may succeed when tried again unchanged. */
  boolean retryable();
}
