/**
 * ESRS E1 / GHG Protocol reports as XBRL 2.1 instances, Inline XBRL 1.1 documents and PDF, with an
 * offline validator. Start at {@link io.offgridflow.xbrl.XbrlReporter} and {@link
 * io.offgridflow.xbrl.XbrlValidator}.
 */
@NullMarked
package io.offgridflow.xbrl;

import org.jspecify.annotations.NullMarked;
