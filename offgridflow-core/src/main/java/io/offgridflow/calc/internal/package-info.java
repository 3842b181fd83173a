/** Calculator internals. Not API: may change without notice. */
@NullMarked
package io.offgridflow.calc.internal;

import org.jspecify.annotations.NullMarked;
