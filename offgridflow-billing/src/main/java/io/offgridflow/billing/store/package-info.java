/** The bundled state stores: in-memory defaults and PostgreSQL implementations with their schema migrations. */
@NullMarked
package io.offgridflow.billing.store;

import org.jspecify.annotations.NullMarked;
