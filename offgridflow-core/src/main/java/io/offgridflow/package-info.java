/** OffGridFlow: error hierarchy shared by every module. */
@NullMarked
package io.offgridflow;

import org.jspecify.annotations.NullMarked;
