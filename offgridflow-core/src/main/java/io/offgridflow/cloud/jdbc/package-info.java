/** A PostgreSQL {@link io.offgridflow.cloud.spi.ConnectorStateStore} over plain JDBC. */
@NullMarked
package io.offgridflow.cloud.jdbc;

import org.jspecify.annotations.NullMarked;
