/** Billing for OffGridFlow hosts: plans, entitlements and limits ({@link io.offgridflow.billing.Billing} is the entry point). */
@NullMarked
package io.offgridflow.billing;

import org.jspecify.annotations.NullMarked;
