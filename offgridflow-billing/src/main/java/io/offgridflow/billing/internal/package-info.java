/** Implementation details of the billing module; not API, may change without notice. */
@NullMarked
package io.offgridflow.billing.internal;

import org.jspecify.annotations.NullMarked;
