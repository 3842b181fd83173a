package io.offgridflow.cli;

import java.util.List;

/** The first record of an activity file: its column names as written. */
record HeaderRow(long line, List<String> names) {}
