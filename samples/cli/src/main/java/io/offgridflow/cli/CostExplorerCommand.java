package io.offgridflow.cli;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.connectors.aws.CostExplorerConnector;
import io.offgridflow.connectors.aws.CostExplorerResult;
import io.offgridflow.connectors.aws.CurGroup;
import io.offgridflow.connectors.aws.GroupKey;
import io.offgridflow.connectors.aws.SourceOutcome;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.CostExplorerClientBuilder;
import software.amazon.awssdk.services.costexplorer.model.Granularity;

/**
 * {@code cost-explorer}: AWS Cost Explorer ({@code GetCostAndUsage}) in, kWh and kg CO2e per group and
 * the row accounting out, as {@code cur} prints them.
 *
 * <pre>{@code
 * java -jar offgridflow-cli.jar cost-explorer --start 2025-01-01 --end 2025-04-01 --group-by class,service,month
 * java -jar offgridflow-cli.jar cost-explorer --start 2025-03-01 --end 2025-03-08 --granularity daily \
 *     --group-by day,region --profile billing --output week.csv
 * }</pre>
 */
@Command(
    name = "cost-explorer",
    mixinStandardHelpOptions = true,
    description = {
      "Estimates the energy and emissions of AWS usage from Cost Explorer (GetCostAndUsage grouped by service and"
          + " usage type, per region, paginated) with Cloud Carbon Footprint's coefficients and rules (methodology"
          + " ccf-2024), and prints kWh and kg CO2e per group and where every Cost Explorer group went.",
      "Credentials: the AWS default credentials chain, or --profile. Cost Explorer calls are billed by AWS per"
          + " request (one per region and page)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Cost Explorer was read and estimated.",
      "1:Cost Explorer returned a malformed group (period, group, field and value are printed).",
      "2:Usage error (bad date, granularity or group-by), unwritable output, or Cost Explorer could not be read"
          + " (credentials, permissions, service error: the operation and HTTP status are printed).",
      ExitCodes.INTERNAL_TEXT
    })
final class CostExplorerCommand implements Callable<Integer> {
  private static final String NAME = "offgridflow cost-explorer: ";

  @Spec CommandSpec spec;

  @Option(names = "--start", required = true, paramLabel = "YYYY-MM-DD", converter = DateConverter.class,
      description = "First day (inclusive).")
  LocalDate start;

  @Option(names = "--end", required = true, paramLabel = "YYYY-MM-DD", converter = DateConverter.class,
      description = "End day, exclusive as in Cost Explorer (--start 2025-01-01 --end 2025-02-01 is January).")
  LocalDate end;

  @Option(names = "--granularity", paramLabel = "daily|monthly", defaultValue = "monthly",
      converter = GranularityConverter.class, description = "Cost Explorer granularity (default monthly).")
  Granularity granularity = Granularity.MONTHLY;

  @Option(names = "--group-by", paramLabel = "KEYS", defaultValue = "class,service,region",
      description = "Comma-separated: class, service, region, month, day (needs --granularity daily), usage_type"
          + " (default class,service,region). account and tags are not available from Cost Explorer here.")
  String groupBy = "class,service,region";

  @Option(names = "--usage-region", paramLabel = "REGION",
      description = "Only usage in this AWS region (e.g. eu-west-1); repeat for more (default: every region"
          + " Cost Explorer reports for the period).")
  List<String> usageRegions = new ArrayList<>();

  @Option(names = "--region", paramLabel = "REGION", defaultValue = "us-east-1",
      description = "Region of the Cost Explorer client (default us-east-1, where Cost Explorer's endpoint is).")
  String region = "us-east-1";

  @Option(names = "--endpoint-url", paramLabel = "URL",
      description = "Cost Explorer endpoint instead of AWS's (proxies, local emulators).")
  @Nullable URI endpointUrl;

  @Option(names = "--profile", paramLabel = "NAME",
      description = "Credentials of this profile in the AWS shared credentials/config files (default: the AWS"
          + " default credentials chain: environment, system properties, default profile, container, instance).")
  @Nullable String profile;

  @Mixin CcfModelOptions estimation = new CcfModelOptions();

  @Option(names = "--output", paramLabel = "FILE",
      description = "Write the groups as CSV: one column per group-by key, then kwh, co2e_kg, rows.")
  @Nullable Path output;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!start.isBefore(end)) {
      return usage(err, "--start " + start + " is not before --end " + end + " (the end day is exclusive: "
          + "--start 2025-01-01 --end 2025-02-01 reads January)");
    }
    List<GroupKey> keys;
    CostExplorerConnector.Builder b;
    try {
      keys = GroupKey.parseList(groupBy);
      b = CostExplorerConnector.builder().period(start, end).granularity(granularity).groupBy(keys)
          .regions(usageRegions).embodied(estimation.embodied()).model(estimation.model());
    } catch (OffGridFlowException e) {
      return usage(err, "--group-by '" + groupBy + "': " + e.getMessage());
    }
    CostExplorerResult r;
    CostExplorerClient client;
    try {
      client = client();
    } catch (SdkException | IllegalArgumentException e) {
      return usage(err, "cannot set up the Cost Explorer client: " + e.getMessage());
    }
    try (client) {
      CostExplorerConnector connector;
      try {
        connector = b.client(client).build();
      } catch (OffGridFlowException e) {
        // The builder names the option's value (group-by key, granularity) that Cost Explorer cannot give.
        return usage(err, e.getMessage());
      }
      r = connector.sync(SyncContext.builder().build());
    } catch (OffGridFlowException e) {
      err.println(NAME + e.getMessage());
      if (e.code() == CloudErrorCode.SOURCE_UNREADABLE && profile == null && e.getMessage() != null
          && e.getMessage().contains("Unable to load credentials")) {
        err.println(NAME + "credentials come from the AWS default chain; set AWS_PROFILE or --profile, or"
            + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
      }
      err.flush();
      return e.code() == CloudErrorCode.INVALID_BILL ? ExitCodes.ROWS_FAILED : ExitCodes.USAGE;
    } catch (SdkException e) {
      err.println(NAME + "Cost Explorer failed: " + e.getMessage());
      err.flush();
      return ExitCodes.USAGE;
    }
    if (!report(r).emit(output, out, err, NAME, column -> "-")) {
      return ExitCodes.USAGE;
    }
    printSummary(r, out);
    out.flush();
    return ExitCodes.OK;
  }

  private static int usage(PrintWriter err, String message) {
    err.println(NAME + message);
    err.flush();
    return ExitCodes.USAGE;
  }

  /**
   * The client built the standard way: the default credentials chain (or a named profile), the region
   * option, and the endpoint override if given. Retries are the SDK's standard mode (throttling included).
   */
  private CostExplorerClient client() {
    CostExplorerClientBuilder cb = CostExplorerClient.builder().region(Region.of(region));
    cb.credentialsProvider(profile != null ? ProfileCredentialsProvider.create(profile)
        : DefaultCredentialsProvider.builder().build());
    if (endpointUrl != null) {
      cb.endpointOverride(endpointUrl);
    }
    return cb.build();
  }

  /** The groups as a report, one column per group-by key; an empty key shows as {@code -}. */
  private static GroupReport report(CostExplorerResult r) {
    List<String> head = new ArrayList<>();
    for (GroupKey k : r.groupBy()) {
      head.add(k.key());
    }
    List<GroupReport.Row> rows = new ArrayList<>();
    for (CurGroup g : r.groups()) {
      rows.add(new GroupReport.Row(g.key(), g.kwh(), g.co2eKg(), g.rows()));
    }
    return new GroupReport(head, rows);
  }

  private static void printSummary(CostExplorerResult r, PrintWriter out) {
    // A "row" here is one Cost Explorer group: a service and usage type in one region and period.
    GroupReport.printTotals(out, r.totalKwh(), r.totalCo2eKg(), r.methodology(), r.accounting());
    Map<SourceOutcome.Status, Integer> byStatus = new EnumMap<>(SourceOutcome.Status.class);
    for (SourceOutcome p : r.periods()) {
      byStatus.merge(p.status(), 1, Integer::sum);
    }
    out.printf(Locale.ROOT, "Periods: %d %s; Cost Explorer requests: %d%n", r.periods().size(), byStatus,
        r.requests());
  }

  /** {@code YYYY-MM-DD}; picocli reports a failure as "Invalid value for option '--start': ...", exit code 2. */
  static final class DateConverter implements CommandLine.ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(String value) {
      try {
        return LocalDate.parse(value.trim());
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a date YYYY-MM-DD such as 2025-01-31");
      }
    }
  }

  /** {@code daily} or {@code monthly}, any case. */
  static final class GranularityConverter implements CommandLine.ITypeConverter<Granularity> {
    @Override
    public Granularity convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      if (v.equals("daily")) {
        return Granularity.DAILY;
      }
      if (v.equals("monthly")) {
        return Granularity.MONTHLY;
      }
      throw new CommandLine.TypeConversionException("'" + value + "' is not a granularity; expected daily or monthly");
    }
  }
}
