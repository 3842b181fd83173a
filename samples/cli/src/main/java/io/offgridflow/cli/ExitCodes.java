package io.offgridflow.cli;

/** The CLI's exit codes; the same text appears in {@code --help}, README.md and docs/cli.md. */
final class ExitCodes {
  static final int OK = 0;
  static final int ROWS_FAILED = 1;
  static final int USAGE = 2;
  static final int INTERNAL = 3;

  static final String OK_TEXT = "0:Every row was calculated.";
  static final String ROWS_FAILED_TEXT =
      "1:The run completed but some rows failed (each reported on stderr and as a status=error row),"
          + " or --fail-fast stopped at the first bad row.";
  static final String USAGE_TEXT =
      "2:Usage error, unreadable input or unwritable output, or a bad header row (missing, unknown or"
          + " duplicate column).";
  static final String INTERNAL_TEXT = "3:Internal error (a bug; the stack trace is printed).";

  private ExitCodes() {}
}
