/** Extension points of the calculator (cloud energy models). */
@NullMarked
package io.offgridflow.calc.spi;

import org.jspecify.annotations.NullMarked;
