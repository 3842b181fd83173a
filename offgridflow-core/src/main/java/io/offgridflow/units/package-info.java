/** Units, quantities and money. */
@NullMarked
package io.offgridflow.units;

import org.jspecify.annotations.NullMarked;
