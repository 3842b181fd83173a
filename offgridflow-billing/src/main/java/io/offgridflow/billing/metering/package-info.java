/** Metered usage: recorded locally in an outbox, flushed to the gateway's meter events in batches. */
@NullMarked
package io.offgridflow.billing.metering;

import org.jspecify.annotations.NullMarked;
