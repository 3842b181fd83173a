/** The OffGridFlow command-line runner: {@code calculate} and {@code demo}. */
@NullMarked
package io.offgridflow.cli;

import org.jspecify.annotations.NullMarked;
