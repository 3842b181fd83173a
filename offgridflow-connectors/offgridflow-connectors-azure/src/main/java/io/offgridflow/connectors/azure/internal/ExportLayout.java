package io.offgridflow.connectors.azure.internal;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cost Management's export layout: {@code <directory>/<export name>/<yyyyMMdd-yyyyMMdd>/...}. Each
 * run of a period either writes one file {@code <export name>_<guid>.csv} straight into the period
 * folder (classic exports), or a folder with partitions {@code part_*.csv[.gz]} and a {@code
 * manifest.json} listing them (partitioned exports). Only the latest run of each period is read: a
 * re-run of a month restates the whole month, so counting an older run as well would count it twice.
 *
 * <pre>{@code
 * ExportLayout.Plan plan = ExportLayout.plan(store, "exports", "daily-actual");
 * plan.latest();   // one run per billing period
 * plan.older();    // superseded runs, reported but never read
 * }</pre>
 */
public final class ExportLayout {
  private static final Logger LOG = LoggerFactory.getLogger(ExportLayout.class);
  private static final Pattern PERIOD = Pattern.compile("\\d{8}-\\d{8}");
  private static final String MANIFEST = "manifest.json";

  private ExportLayout() {}

  /**
   * What to read.
   *
   * @param latest the newest run of each period, periods in ascending order
   * @param older every other run found
   */
  public record Plan(List<ExportRun> latest, List<ExportRun> older) {}

  /** Lists the export's objects and picks each period's latest run. */
  public static Plan plan(ExportStore store, String directory, String exportName) {
    String prefix = prefix(directory, exportName);
    Map<String, List<ExportObject>> byPeriod = new TreeMap<>();
    for (ExportObject o : store.list(prefix)) {
      String rel = o.name().substring(prefix.length());
      int slash = rel.indexOf('/');
      String period = slash < 0 ? "" : rel.substring(0, slash);
      if (!PERIOD.matcher(period).matches()) {
        LOG.debug("{}: not under a yyyyMMdd-yyyyMMdd period folder; not part of the export layout", o.name());
        continue;
      }
      byPeriod.computeIfAbsent(period, k -> new ArrayList<>()).add(o);
    }
    List<ExportRun> latest = new ArrayList<>();
    List<ExportRun> older = new ArrayList<>();
    for (Map.Entry<String, List<ExportObject>> e : byPeriod.entrySet()) {
      List<ExportRun> runs = runs(store, e.getKey(), e.getValue());
      if (runs.isEmpty()) {
        continue;
      }
      // Newest last; on equal times the later name wins so the choice never depends on listing order.
      runs.sort(Comparator.comparing(ExportRun::runTime).thenComparing(ExportRun::runId));
      latest.add(runs.get(runs.size() - 1));
      older.addAll(runs.subList(0, runs.size() - 1));
    }
    return new Plan(latest, older);
  }

  /** The blob-name prefix of an export: {@code directory/exportName/}. */
  public static String prefix(String directory, String exportName) {
    String d = trimSlashes(directory);
    String n = trimSlashes(exportName);
    return (d.isEmpty() ? "" : d + "/") + n + "/";
  }

  private static String trimSlashes(String s) {
    String t = s.trim();
    while (t.startsWith("/")) {
      t = t.substring(1);
    }
    while (t.endsWith("/")) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }

  private static List<ExportRun> runs(ExportStore store, String period, List<ExportObject> objects) {
    Map<String, ExportObject> byName = new HashMap<>();
    for (ExportObject o : objects) {
      byName.put(o.name(), o);
    }
    List<ExportRun> runs = new ArrayList<>();
    Set<String> claimed = new HashSet<>();
    for (ExportObject o : objects) {
      if (o.fileName().equalsIgnoreCase(MANIFEST)) {
        ExportRun run = manifestRun(store, period, o, byName);
        runs.add(run);
        String folder = o.name().substring(0, o.name().length() - MANIFEST.length());
        for (ExportObject x : objects) {
          if (x.name().startsWith(folder)) {
            claimed.add(x.name()); // partitions a manifest does not list are not data of any run
          }
        }
        run.files().forEach(f -> claimed.add(f.name()));
      }
    }
    for (ExportObject o : objects) {
      if (!claimed.contains(o.name()) && isData(o.name())) {
        runs.add(new ExportRun(period, o.fileName(), o.lastModified(), "", List.of(o)));
      }
    }
    return runs;
  }

  /** Whether a name is a CSV export file; Parquet is refused with a clear error. */
  public static boolean isData(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".parquet")) {
      throw new OffGridFlowException(CloudErrorCode.UNSUPPORTED_BILL_FORMAT, name
          + ": Parquet exports are not read by this connector; set the export's file format to CSV (gzip is fine)");
    }
    return n.endsWith(".csv") || n.endsWith(".csv.gz");
  }

  private static ExportRun manifestRun(ExportStore store, String period, ExportObject manifest,
      Map<String, ExportObject> byName) {
    Object json;
    try (InputStream in = store.open(manifest)) {
      json = Json.parse(in.readAllBytes());
    } catch (IOException | UncheckedIOException | IllegalStateException | com.azure.core.exception.AzureException e) {
      throw new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, store.display(manifest)
          + ": cannot read the export manifest: " + e.getMessage(), e);
    }
    String folder = manifest.name().substring(0, manifest.name().length() - MANIFEST.length());
    Map<String, ExportObject> files = new LinkedHashMap<>();
    for (Object b : Json.list(json, "blobs")) {
      String blobName = Json.string(b, "blobName");
      if (blobName.isEmpty()) {
        continue;
      }
      ExportObject o = byName.get(blobName);
      if (o == null) {
        // Some manifests name blobs relative to the run folder rather than the container.
        o = byName.get(folder + blobName.substring(blobName.lastIndexOf('/') + 1));
      }
      if (o == null) {
        throw new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, store.display(manifest)
            + ": the manifest lists blob '" + blobName + "' but it is not in the container (an export still being written?)");
      }
      if (isData(o.name())) {
        files.put(o.name(), o);
      }
    }
    String runId = Json.string(json, "runInfo", "runId");
    if (runId.isEmpty()) {
      runId = folder;
    }
    Instant time = manifest.lastModified();
    String submitted = Json.string(json, "runInfo", "submittedTime");
    if (!submitted.isEmpty()) {
      try {
        time = OffsetDateTime.parse(submitted).toInstant();
      } catch (DateTimeParseException e) {
        throw new OffGridFlowException(CloudErrorCode.INVALID_BILL, store.display(manifest)
            + ": runInfo.submittedTime '" + submitted + "' is not a timestamp such as 2025-02-03T18:33:03Z");
      }
    }
    return new ExportRun(period, runId, time, Json.string(json, "exportConfig", "type"), List.copyOf(files.values()));
  }
}
