package io.offgridflow.cli;

import io.offgridflow.CoreErrorCode;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.connectors.aws.CurConnector;
import io.offgridflow.connectors.aws.CurFormat;
import io.offgridflow.connectors.aws.CurGroup;
import io.offgridflow.connectors.aws.CurResult;
import io.offgridflow.connectors.aws.GroupKey;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** {@code cur}: an AWS Cost and Usage Report in, kWh and kg CO2e per group and the row accounting out. */
@Command(
    name = "cur",
    mixinStandardHelpOptions = true,
    description = {
      "Estimates the energy and emissions of an AWS Cost and Usage Report (CUR 1.0 or CUR 2.0 CSV; plain,"
          + " .gz or .zip) with Cloud Carbon Footprint's coefficients and rules (methodology ccf-2024), and"
          + " prints kWh and kg CO2e per group and where every row went (see docs/connectors.md).",
      "An s3://bucket/prefix input follows the report's manifests (each billing period's latest delivery;"
          + " see docs/connectors-aws-sources.md) with the default AWS credentials chain."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:The report was read and estimated.",
      "1:A row of the report is malformed (file, line and column are printed).",
      "2:Usage error, unreadable file or S3 object, missing manifest, or a header that is not a CUR.",
      ExitCodes.INTERNAL_TEXT
    })
final class CurCommand implements Callable<Integer> {
  /** How the table shows a row without a tag (the CSV output leaves the cell empty). */
  static final String UNTAGGED = "(untagged)";

  @Spec CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "FILE|S3URI",
      description = "CUR file, or s3://bucket/prefix of a report in S3; repeat for each part or report.")
  List<String> inputs = new ArrayList<>();

  @Option(names = "--endpoint-url", paramLabel = "URL",
      description = "S3 endpoint for s3:// inputs (S3-compatible stores, local emulators); path-style access.")
  @Nullable URI endpointUrl;

  @Option(names = "--region", paramLabel = "REGION",
      description = "AWS region of the S3 client (default: the AWS default region chain; us-east-1 with"
          + " --endpoint-url).")
  @Nullable String region;

  @Option(names = "--billing-period", paramLabel = "YYYY-MM",
      description = "Read only this billing period of s3:// reports; repeat for more (default: all).")
  List<YearMonth> billingPeriods = new ArrayList<>();

  @Option(names = "--list-objects", description = "For an s3:// prefix with no CUR manifest, read every .csv,"
      + " .csv.gz, .zip and .parquet object under it instead of failing.")
  boolean listObjects;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto",
      description = "auto (default: from the header), cur1 or cur2.")
  String format = "auto";

  @Option(names = "--group-by", paramLabel = "KEYS", defaultValue = "class,service,region",
      description = "Comma-separated: class, service, region, account, month, day, usage_type, and"
          + " tag:KEY for a cost-allocation tag such as tag:user:Team (default class,service,region).")
  String groupBy = "class,service,region";

  @Mixin CcfModelOptions estimation = new CcfModelOptions();

  @Option(names = "--output", paramLabel = "FILE",
      description = "Write the groups as CSV: one column per group-by key, one tag:KEY column per tag (empty"
          + " when untagged), then kwh, co2e_kg, rows.")
  @Nullable Path output;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CurFormat f;
    GroupBy keys;
    try {
      f = CurFormat.valueOf(format.trim().toUpperCase(Locale.ROOT));
      keys = GroupBy.parse(groupBy);
    } catch (IllegalArgumentException | OffGridFlowException e) {
      err.println("offgridflow cur: " + (e instanceof OffGridFlowException ? e.getMessage()
          : "--format '" + format + "': expected auto, cur1 or cur2"));
      err.flush();
      return ExitCodes.USAGE;
    }
    CurResult r;
    S3Client s3 = null;
    try {
      CurConnector.Builder b = CurConnector.builder().format(f).groupBy(keys.keys()).groupByTags(keys.tags())
          .embodied(estimation.embodied())
          .model(estimation.model())
          .billingPeriods(billingPeriods).listObjectsWithoutManifest(listObjects);
      for (String in : inputs) {
        if (in.startsWith("s3://")) {
          if (s3 == null) {
            s3 = s3Client();
          }
          b.s3(s3, in);
        } else {
          b.file(Path.of(in));
        }
      }
      r = b.build().sync(SyncContext.builder().build());
    } catch (OffGridFlowException e) {
      err.println("offgridflow cur: " + e.getMessage());
      err.flush();
      return e.code() == CloudErrorCode.INVALID_BILL ? ExitCodes.ROWS_FAILED : ExitCodes.USAGE;
    } catch (SdkException e) {
      // Client set-up (no region, no credentials): the message says which; the options say how to fix it.
      err.println("offgridflow cur: cannot set up the S3 client: " + e.getMessage()
          + " (set --region or AWS_REGION; credentials come from the AWS default chain)");
      err.flush();
      return ExitCodes.USAGE;
    } finally {
      if (s3 != null) {
        s3.close();
      }
    }
    int keyColumns = r.groupBy().size();
    if (!report(r).emit(output, out, err, "offgridflow cur: ", column -> column < keyColumns ? "-" : UNTAGGED)) {
      return ExitCodes.USAGE;
    }
    printSummary(r, out);
    out.flush();
    return ExitCodes.OK;
  }

  /** An S3 client from the default credentials chain, with the endpoint and region options applied. */
  private S3Client s3Client() {
    S3ClientBuilder b = S3Client.builder();
    if (endpointUrl != null) {
      // S3-compatible stores and emulators rarely serve virtual-host-style bucket names.
      b.endpointOverride(endpointUrl).forcePathStyle(true);
    }
    if (region != null) {
      b.region(Region.of(region));
    } else if (endpointUrl != null) {
      b.region(Region.US_EAST_1);
    }
    return b.build();
  }

  /**
   * A {@code --group-by} value split into {@link GroupKey}s and tag keys: {@code tag:} entries are
   * tags (the rest of the entry, case kept, may itself hold colons), the others group keys.
   *
   * <pre>{@code
   * GroupBy.parse("class,tag:user:Team,service");   // keys [CLASS, SERVICE], tags [user:Team]
   * }</pre>
   */
  record GroupBy(List<GroupKey> keys, List<String> tags) {
    static final String TAG = "tag:";

    static GroupBy parse(String csv) {
      List<String> plain = new ArrayList<>();
      List<String> tags = new ArrayList<>();
      for (String part : csv.split(",")) {
        String p = part.trim();
        if (p.regionMatches(true, 0, TAG, 0, TAG.length())) {
          String key = p.substring(TAG.length()).trim();
          if (key.isEmpty()) {
            throw new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION,
                "group-by entry '" + p + "' names no tag; expected tag:KEY such as tag:user:Team");
          }
          if (!tags.contains(key)) {
            tags.add(key);
          }
        } else {
          plain.add(p);
        }
      }
      return new GroupBy(GroupKey.parseList(String.join(",", plain)), List.copyOf(tags));
    }
  }

  /**
   * The groups as a report: the group-by keys, then {@code tag:KEY} per tag; an empty key shows as
   * {@code -}, an untagged value as {@link #UNTAGGED}.
   */
  private static GroupReport report(CurResult r) {
    List<String> head = new ArrayList<>();
    for (GroupKey k : r.groupBy()) {
      head.add(k.key());
    }
    for (String t : r.groupByTags()) {
      head.add(GroupBy.TAG + t);
    }
    List<GroupReport.Row> rows = new ArrayList<>();
    for (CurGroup g : r.groups()) {
      List<String> cells = new ArrayList<>(g.key());
      cells.addAll(g.tags());
      rows.add(new GroupReport.Row(cells, g.kwh(), g.co2eKg(), g.rows()));
    }
    return new GroupReport(head, rows);
  }

  private static void printSummary(CurResult r, PrintWriter out) {
    GroupReport.printTotals(out, r.totalKwh(), r.totalCo2eKg(), r.methodology(), r.accounting());
  }
}
