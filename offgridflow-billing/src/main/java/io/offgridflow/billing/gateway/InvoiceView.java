package io.offgridflow.billing.gateway;

import java.time.Instant;
import java.util.Optional;

/**
 * An invoice as the gateway reports it.
 *
 * <pre>{@code
 * for (InvoiceView i : gateway.invoices("cus_123", 12)) { print(i.number(), i.amountDue(), i.currency()); }
 * }</pre>
 *
 * @param id invoice id ({@code in_...})
 * @param number the invoice number customers see
 * @param status draft, open, paid, uncollectible or void
 * @param amountDue amount due in the currency's minor unit
 * @param amountPaid amount paid in the minor unit
 * @param currency ISO code, lower case
 * @param created when it was created
 * @param hostedInvoiceUrl the page where the customer can pay it
 * @param invoicePdf the PDF
 */
public record InvoiceView(String id, Optional<String> number, String status, long amountDue, long amountPaid,
    String currency, Instant created, Optional<String> hostedInvoiceUrl, Optional<String> invoicePdf) {}
