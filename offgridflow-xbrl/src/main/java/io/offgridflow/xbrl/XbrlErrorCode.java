package io.offgridflow.xbrl;

import io.offgridflow.ErrorCode;

/**
 * Stable error codes of the XBRL module: those thrown while building or writing a report, and those
 * the {@link XbrlValidator} reports about a document. Names never change once released.
 *
 * <pre>{@code
 * report.issues().stream().filter(i -> i.code() == XbrlErrorCode.CALCULATION_INCONSISTENT)...
 * }</pre>
 */
public enum XbrlErrorCode implements ErrorCode {
  /** A report builder was given missing or invalid input (period, currency, revenue, results). */
  INVALID_REPORT(false),
  /** An entity identifier is malformed, e.g. an LEI with wrong check digits. */
  INVALID_ENTITY_IDENTIFIER(false),
  /** Writing a document failed (I/O or serialisation). */
  WRITE_FAILED(true),
  /** A schema the document needs could not be found offline in the configured catalog. */
  SCHEMA_NOT_AVAILABLE(false),
  /** The document is not well-formed XML, or not an XBRL / Inline XBRL document at all. */
  UNREADABLE_DOCUMENT(false),

  /** XML Schema validation failed (the base schemas plus the taxonomy's concept declarations). */
  SCHEMA_INVALID(false),
  /** A fact's contextRef names no context (XBRL 2.1 section 4.6.1). */
  CONTEXT_NOT_FOUND(false),
  /** A numeric fact's unitRef names no unit, or is missing (XBRL 2.1 section 4.6.2). */
  UNIT_NOT_FOUND(false),
  /** A numeric fact has neither decimals nor precision (XBRL 2.1 section 4.6.3). */
  DECIMALS_MISSING(false),
  /** The same concept is reported twice for one context and unit, with the same value. */
  DUPLICATE_FACT(false),
  /** The same concept is reported twice for one context and unit, with different values. */
  INCONSISTENT_FACT(false),
  /** A unit's measure is not in the XBRL Units Registry. */
  UNIT_NOT_IN_REGISTRY(false),
  /** A unit is in the registry but does not fit the concept's data type (e.g. EUR on an emission). */
  UNIT_WRONG_FOR_CONCEPT(false),
  /** A fact's context has an instant period where the concept is a duration, or the reverse. */
  PERIOD_TYPE_MISMATCH(false),
  /** A dimension appears in xbrli:segment; the taxonomy places dimensions in xbrli:scenario only. */
  DIMENSION_IN_SEGMENT(false),
  /** A fact carries an axis its concept is not reported on (e.g. the Scope 3 category axis on Scope 1). */
  DIMENSION_NOT_ALLOWED(false),
  /** An axis holds a member the taxonomy does not define for it. */
  DIMENSION_MEMBER_UNKNOWN(false),
  /** A total does not equal the sum of its items, after rounding to their decimals. */
  CALCULATION_INCONSISTENT(false),
  /** An Inline XBRL construct is malformed: unknown format, unparsable displayed number, bad scale. */
  INLINE_INVALID(false);

  private final boolean retryable;

  XbrlErrorCode(boolean retryable) {
    this.retryable = retryable;
  }

  @Override
  public boolean retryable() {
    return retryable;
  }
}
