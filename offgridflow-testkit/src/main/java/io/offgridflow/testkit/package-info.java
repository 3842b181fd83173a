/** Test support: a real PostgreSQL for JDBC store tests. */
@NullMarked
package io.offgridflow.testkit;

import org.jspecify.annotations.NullMarked;
