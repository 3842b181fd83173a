/** Loading of the bundled CCF coefficient tables. Not API: may change without notice. */
@NullMarked
package io.offgridflow.cloud.internal;

import org.jspecify.annotations.NullMarked;
