package io.offgridflow.xbrl;

import io.offgridflow.OffGridFlowException;

/**
 * An error of the XBRL module, with its {@link XbrlErrorCode}.
 *
 * <pre>{@code
 * try {
 *   EntityIdentifier.lei(text);
 * } catch (XbrlException e) {
 *   if (e.code() == XbrlErrorCode.INVALID_ENTITY_IDENTIFIER) { ... }
 * }
 * }</pre>
 */
public class XbrlException extends OffGridFlowException {
  private static final long serialVersionUID = 1L;

  public XbrlException(XbrlErrorCode code, String message) {
    super(code, message);
  }

  public XbrlException(XbrlErrorCode code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
