/** Activities, the calculator and emission results with provenance. */
@NullMarked
package io.offgridflow.calc;

import org.jspecify.annotations.NullMarked;
