/** CUR parsing, classification and aggregation. Not API: may change without notice. */
@NullMarked
package io.offgridflow.connectors.aws.internal;

import org.jspecify.annotations.NullMarked;
