package io.offgridflow.connectors.aws.parquet;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.connectors.aws.internal.CurField;
import io.offgridflow.connectors.aws.internal.CurRun;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DateLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/** Chooses the {@link ColumnFeed} for a CUR field from the column's Parquet type, or says why the type is wrong. */
final class ColumnFeeds {
  private ColumnFeeds() {}

  static ColumnFeed of(CurRun run, CurField field, Type type, String file) {
    String column = type.getName();
    if (!type.isPrimitive() || type.isRepetition(Type.Repetition.REPEATED)) {
      throw wrongType(file, column, type, field, "a single (not repeated, not nested) value");
    }
    PrimitiveType p = type.asPrimitiveType();
    PrimitiveTypeName prim = p.getPrimitiveTypeName();
    LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
    boolean bytes = prim == PrimitiveTypeName.BINARY || prim == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
    switch (field.kind()) {
      case TEXT -> {
        if (bytes && !(logical instanceof DecimalLogicalTypeAnnotation)) {
          return new TextFeed(run, field, column, prim, p.getTypeLength());
        }
        throw wrongType(file, column, type, field, "a string (BINARY)");
      }
      case NUMBER -> {
        int scale = logical instanceof DecimalLogicalTypeAnnotation d ? d.getScale() : 0;
        if (scale > 22) {
          throw wrongType(file, column, type, field, "a DECIMAL with a scale of 22 or less");
        }
        boolean ok = switch (prim) {
          case DOUBLE, FLOAT, INT32, INT64 -> true;
          case BINARY, FIXED_LEN_BYTE_ARRAY -> true; // DECIMAL or number text
          default -> false;
        };
        if (!ok) {
          throw wrongType(file, column, type, field, "a number (DOUBLE, FLOAT, INT32, INT64, DECIMAL or number text)");
        }
        return new NumberFeed(field, column, prim, p.getTypeLength(), scale, bytes && logical instanceof DecimalLogicalTypeAnnotation);
      }
      case DATE -> {
        if (prim == PrimitiveTypeName.INT64 && logical instanceof TimestampLogicalTypeAnnotation ts) {
          long perDay = switch (ts.getUnit()) {
            case MILLIS -> 86_400_000L;
            case MICROS -> 86_400_000_000L;
            case NANOS -> 86_400_000_000_000L;
          };
          return new DateFeed(run, field, column, prim, perDay);
        }
        if (prim == PrimitiveTypeName.INT32 && logical instanceof DateLogicalTypeAnnotation) {
          return new DateFeed(run, field, column, prim, 1);
        }
        if (prim == PrimitiveTypeName.INT96 || (prim == PrimitiveTypeName.BINARY && !(logical instanceof DecimalLogicalTypeAnnotation))) {
          return new DateFeed(run, field, column, prim, 1);
        }
        throw wrongType(file, column, type, field, "a timestamp (INT64 TIMESTAMP, INT96, INT32 DATE or ISO-8601 text)");
      }
      default -> throw new IllegalStateException("unknown field kind " + field.kind());
    }
  }

  private static OffGridFlowException wrongType(String file, String column, Type type, CurField field, String expected) {
    return new OffGridFlowException(CloudErrorCode.UNSUPPORTED_BILL_FORMAT, file + ": column " + column + " is "
        + type.toString().trim() + "; the CUR " + field.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
        + " must be " + expected);
  }
}
