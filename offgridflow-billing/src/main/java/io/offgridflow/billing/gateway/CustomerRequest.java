package io.offgridflow.billing.gateway;

import java.util.Optional;

/**
 * A customer to create for a tenant. The tenant id is stored in the customer's metadata
 * ({@code tenant_id}), which is how webhooks find the tenant again.
 *
 * <pre>{@code
 * String customerId = gateway.createCustomer(new CustomerRequest("acme", Optional.of("billing@acme.test"),
 *     Optional.of("Acme Ltd"), "signup-acme"));
 * }</pre>
 *
 * @param tenantId the host's tenant id
 * @param email billing e-mail address
 * @param name display name
 * @param idempotencyKey a key stable across retries of this logical request (e.g. derived from the signup)
 */
public record CustomerRequest(String tenantId, Optional<String> email, Optional<String> name, String idempotencyKey) {}
