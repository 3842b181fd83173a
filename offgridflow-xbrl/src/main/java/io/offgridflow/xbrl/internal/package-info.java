/** Implementation of the XBRL module; not API, may change in any release. */
@NullMarked
package io.offgridflow.xbrl.internal;

import org.jspecify.annotations.NullMarked;
