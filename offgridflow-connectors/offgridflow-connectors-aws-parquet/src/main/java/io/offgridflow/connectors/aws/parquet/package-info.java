/**
 * CUR 2.0 (Data Exports) Parquet for the AWS CUR connector. Putting this artifact on the class path
 * is all it takes: {@link io.offgridflow.connectors.aws.CurConnector} finds
 * {@link io.offgridflow.connectors.aws.parquet.ParquetCurReader} with {@link java.util.ServiceLoader}
 * and reads {@code .parquet} files (recognised by their {@code PAR1} magic) with it.
 *
 * <pre>{@code
 * CurConnector.builder().file(Path.of("cur2-00001.snappy.parquet")).build().sync(ctx);
 * }</pre>
 */
@NullMarked
package io.offgridflow.connectors.aws.parquet;

import org.jspecify.annotations.NullMarked;
