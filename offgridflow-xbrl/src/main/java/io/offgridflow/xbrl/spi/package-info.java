/**
 * The taxonomy mapping SPI: which concepts, axis members and calculation relationships a report
 * targets. {@link io.offgridflow.xbrl.EsrsSet1Taxonomy} is the default implementation.
 */
@NullMarked
package io.offgridflow.xbrl.spi;

import org.jspecify.annotations.NullMarked;
