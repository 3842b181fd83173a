/** Framework-neutral Stripe webhook handling: signature verification, deduplication, ordering and typed listeners. */
@NullMarked
package io.offgridflow.billing.webhook;

import org.jspecify.annotations.NullMarked;
