/** Inventories: exact, order-independent totals of emission results by scope, category, site and period. */
@NullMarked
package io.offgridflow.inventory;

import org.jspecify.annotations.NullMarked;
