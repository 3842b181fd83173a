package io.offgridflow.connectors.aws.parquet;

import io.offgridflow.connectors.aws.internal.CurRun;
import java.io.IOException;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;

/**
 * Tags held in their own text column ({@code resource_tags_user_team} in the CUR 1.0 Parquet AWS
 * writes for Athena, or {@code resourceTags/user:team}): a null or empty value is no tag. Several
 * requested keys can name one column ({@code user:team} and {@code user_team} both become
 * {@code resource_tags_user_team}); the column is then read once and feeds each of them.
 */
final class TagColumnFeed extends TagFeed {
  private final int[] tags;
  private final ColumnDescriptor column;
  private final RepeatedLeaf leaf;
  private final ValueIds values = new ValueIds();
  private final int maxTag;

  TagColumnFeed(CurRun run, int[] tags, ColumnDescriptor column) {
    super(run, tags.length);
    this.tags = tags.clone();
    this.column = column;
    this.leaf = new RepeatedLeaf(column);
    int max = 0;
    for (int t : tags) {
      max = Math.max(max, t);
    }
    this.maxTag = max;
  }

  @Override
  String name() {
    return leaf.name();
  }

  @Override
  void startRowGroup(PageReadStore rowGroup) {
    leaf.start(rowGroup.getPageReader(column));
    values.reset(leaf.dictionary(), maxTag + 1);
  }

  @Override
  void fill(int n) throws IOException {
    for (int i = 0; i < n; i++) {
      leaf.next();
      boolean present = leaf.def == leaf.maxDef;
      for (int s = 0; s < width; s++) {
        out[i * width + s] = present ? values.id(run, tags[s], leaf) : 0;
      }
    }
  }

  @Override
  void deliver(int i) {
    for (int s = 0; s < width; s++) {
      run.setTag(tags[s], out[i * width + s]);
    }
  }
}
