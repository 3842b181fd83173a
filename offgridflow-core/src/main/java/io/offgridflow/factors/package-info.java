/** Emission-factor datasets, GWP sets, CPI, factor search. */
@NullMarked
package io.offgridflow.factors;

import org.jspecify.annotations.NullMarked;
