package io.offgridflow.factors;

import io.offgridflow.units.Unit;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A factor search: free text plus optional filters. Every text word must match the start of a
 * word in the factor's name, subject, region, category or dataset id (case-insensitive).
 *
 * <pre>{@code
 * List<EmissionFactor> hits = catalog.search(FactorQuery.builder()
 *     .text("diesel")
 *     .region("GB")
 *     .unit(Unit.LITRE)          // factors per any volume unit
 *     .build());
 * }</pre>
 */
public final class FactorQuery {
  private final String text;
  private final @Nullable String region;
  private final @Nullable Unit unit;
  private final @Nullable String datasetId;
  private final @Nullable FactorCategory category;
  private final int limit;

  private FactorQuery(Builder b) {
    this.text = b.text;
    this.region = b.region;
    this.unit = b.unit;
    this.datasetId = b.datasetId;
    this.category = b.category;
    this.limit = b.limit;
  }

  public static Builder builder() {
    return new Builder();
  }

  public String text() {
    return text;
  }

  public Optional<String> region() {
    return Optional.ofNullable(region);
  }

  /** Matches factors whose unit has this unit's dimension. */
  public Optional<Unit> unit() {
    return Optional.ofNullable(unit);
  }

  public Optional<String> datasetId() {
    return Optional.ofNullable(datasetId);
  }

  public Optional<FactorCategory> category() {
    return Optional.ofNullable(category);
  }

  public int limit() {
    return limit;
  }

  /** Builder for {@link FactorQuery}. */
  public static final class Builder {
    private String text = "";
    private @Nullable String region;
    private @Nullable Unit unit;
    private @Nullable String datasetId;
    private @Nullable FactorCategory category;
    private int limit = 50;

    private Builder() {}

    public Builder text(String text) {
      this.text = text;
      return this;
    }

    public Builder region(String region) {
      this.region = region;
      return this;
    }

    public Builder unit(Unit unit) {
      this.unit = unit;
      return this;
    }

    public Builder dataset(String datasetId) {
      this.datasetId = datasetId;
      return this;
    }

    public Builder category(FactorCategory category) {
      this.category = category;
      return this;
    }

    public Builder limit(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("limit must be positive, got " + limit);
      }
      this.limit = limit;
      return this;
    }

    public FactorQuery build() {
      return new FactorQuery(this);
    }
  }
}
