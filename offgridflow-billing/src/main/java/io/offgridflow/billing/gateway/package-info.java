/** The payment gateway port and its Stripe implementation; no Stripe type leaves this package's implementation. */
@NullMarked
package io.offgridflow.billing.gateway;

import org.jspecify.annotations.NullMarked;
