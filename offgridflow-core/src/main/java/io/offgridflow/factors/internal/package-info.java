/** Loaders of the bundled datasets. Not API: may change without notice. */
@NullMarked
package io.offgridflow.factors.internal;

import org.jspecify.annotations.NullMarked;
