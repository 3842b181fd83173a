package io.offgridflow.connectors.aws.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Finds the bills under an S3 prefix by following report manifests, one checkpointed source per
 * billing period:
 *
 * <ul>
 *   <li>CUR 1.0: {@code <prefix>/<report>/<yyyymmdd-yyyymmdd>/<report>-Manifest.json}, whose
 *       {@code reportKeys} list the current assembly's objects ({@code assemblyId},
 *       {@code billingPeriod.start}). Only this top-level manifest is read: the manifests inside
 *       {@code <assemblyId>/} folders describe older deliveries, whose objects AWS leaves in place
 *       and which must never be counted.
 *   <li>CUR 2.0 (Data Exports): {@code <prefix>/<export>/metadata/BILLING_PERIOD=YYYY-MM/<export>-Manifest.json},
 *       whose {@code dataFiles} are s3 URIs ({@code executionId}, {@code billingPeriod}).
 * </ul>
 *
 * Folders are walked with delimiter listings (a few requests per report), not by listing every
 * object. With no manifest found, either fails naming what it looked for, or, when asked, lists
 * every {@code .csv}, {@code .csv.gz}, {@code .zip} and {@code .parquet} object under the prefix,
 * each its own source.
 */
public final class S3Bills {
  private static final Pattern CUR1_PERIOD = Pattern.compile("(\\d{4})(\\d{2})01-(\\d{8})");
  private static final Pattern CUR2_PERIOD = Pattern.compile("BILLING_PERIOD=(\\d{4}-\\d{2})");
  private static final Pattern PERIOD_IN_KEY =
      Pattern.compile("/(?:(\\d{4})(\\d{2})01-\\d{8}|BILLING_PERIOD=(\\d{4})-(\\d{2}))/");
  /** The prefix itself, its report folders: enough for {@code s3://bucket/prefix} and {@code .../report}. */
  private static final int DEPTH = 2;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final S3Client s3;
  private final S3Location root;
  private final Set<YearMonth> periods;
  private final boolean listWithoutManifest;

  /**
   * @param periods billing periods to read (empty: all)
   * @param listWithoutManifest whether a prefix with no manifest falls back to listing bill objects
   */
  public S3Bills(S3Client s3, S3Location root, Set<YearMonth> periods, boolean listWithoutManifest) {
    this.s3 = s3;
    this.root = root;
    this.periods = Set.copyOf(periods);
    this.listWithoutManifest = listWithoutManifest;
  }

  /** Every billing period's source (sorted by key), or every bill object when falling back to listing. */
  public List<BillSource> resolve() {
    List<ManifestRef> manifests = new ArrayList<>();
    discover(root.folder(), DEPTH, manifests);
    List<BillSource> out = new ArrayList<>();
    if (manifests.isEmpty()) {
      if (!listWithoutManifest) {
        throw new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, root + ": no CUR manifest found; looked for "
            + "<prefix>/<report>/<yyyymmdd-yyyymmdd>/<report>-Manifest.json (CUR 1.0) and "
            + "<prefix>/<export>/metadata/BILLING_PERIOD=YYYY-MM/<export>-Manifest.json (CUR 2.0) at and one folder "
            + "below " + root + "; point the prefix at the report's folder, or allow listing objects without a "
            + "manifest (CLI: --list-objects) to read every .csv, .csv.gz, .zip and .parquet object");
      }
      listObjects(out);
      return out;
    }
    manifests.sort((a, b) -> a.key.compareTo(b.key));
    for (ManifestRef m : manifests) {
      if (periods.isEmpty() || periods.contains(m.period)) {
        out.add(read(m));
      }
    }
    return out;
  }

  private record ManifestRef(String key, YearMonth period, boolean cur2) {}

  private void discover(String prefix, int depth, List<ManifestRef> found) {
    List<String> children = childFolders(prefix);
    String report = lastSegment(prefix);
    int before = found.size();
    for (String child : children) {
      String seg = lastSegment(child);
      Matcher m = CUR1_PERIOD.matcher(seg);
      if (m.matches() && !report.isEmpty()) {
        found.add(new ManifestRef(child + report + "-Manifest.json",
            YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))), false));
      } else if (seg.equals("metadata") && !report.isEmpty()) {
        for (String period : childFolders(child)) {
          Matcher p = CUR2_PERIOD.matcher(lastSegment(period));
          if (p.matches()) {
            found.add(new ManifestRef(period + report + "-Manifest.json", YearMonth.parse(p.group(1)), true));
          }
        }
      }
    }
    if (found.size() == before && depth > 1) {
      for (String child : children) {
        discover(child, depth - 1, found);
      }
    }
  }

  private BillSource read(ManifestRef m) {
    S3Location where = new S3Location(root.bucket(), m.key);
    String what = (m.cur2 ? "CUR 2.0" : "CUR 1.0") + " manifest of billing period " + m.period;
    JsonNode json = fetchJson(where, what);
    List<CurInput> parts = new ArrayList<>();
    String listedIn = " (listed in " + where + ")";
    String version;
    if (m.cur2) {
      version = text(json, "executionId", where);
      checkPeriod(json, m.period, where);
      for (String uri : strings(json, "dataFiles", where, "s3 URIs of the export's data files")) {
        S3Location part;
        try {
          part = S3Location.parse(uri);
        } catch (OffGridFlowException e) {
          throw new OffGridFlowException(CloudErrorCode.INVALID_BILL, where + ": field dataFiles: value '" + uri
              + "' is not an s3://bucket/key URI", e);
        }
        parts.add(S3CurInput.head(s3, part, listedIn));
      }
    } else {
      version = text(json, "assemblyId", where);
      checkPeriod(json, m.period, where);
      String bucket = json.path("bucket").isTextual() && !json.path("bucket").asText().isEmpty()
          ? json.path("bucket").asText() : root.bucket();
      for (String key : strings(json, "reportKeys", where, "keys of the report's objects")) {
        parts.add(S3CurInput.head(s3, new S3Location(bucket, key), listedIn));
      }
    }
    return new BillSource(where.toString(), where.toString(), parts, version);
  }

  private JsonNode fetchJson(S3Location where, String what) {
    try (InputStream in = s3.getObject(r -> r.bucket(where.bucket()).key(where.key()))) {
      return JSON.readTree(in);
    } catch (NoSuchKeyException e) {
      throw new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, where + ": no such object; it should be the "
          + what + " (is the report still being delivered?)", e);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new OffGridFlowException(CloudErrorCode.INVALID_BILL, where + ":" + (at == null ? "?" : at.getLineNr())
          + ":" + (at == null ? "?" : at.getColumnNr()) + ": the " + what + " is not valid JSON: "
          + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, where + ": cannot read the " + what + ": "
          + e.getMessage(), e);
    } catch (SdkException e) {
      throw S3Errors.unreadable(where, "cannot read the " + what, e);
    }
  }

  private static String text(JsonNode json, String field, S3Location where) {
    JsonNode v = json.get(field);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw new OffGridFlowException(CloudErrorCode.INVALID_BILL, where + ": field " + field + ": "
          + (v == null ? "missing" : "value " + v + " is not a non-empty string"));
    }
    return v.asText();
  }

  private static List<String> strings(JsonNode json, String field, S3Location where, String what) {
    JsonNode v = json.get(field);
    if (v == null || !v.isArray()) {
      throw new OffGridFlowException(CloudErrorCode.INVALID_BILL, where + ": field " + field + ": "
          + (v == null ? "missing" : "value " + v + " is not an array") + "; it should list the " + what);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      if (!e.isTextual() || e.asText().isEmpty()) {
        throw new OffGridFlowException(CloudErrorCode.INVALID_BILL, where + ": field " + field + "[" + i
            + "]: value " + e + " is not a non-empty string");
      }
      out.add(e.asText());
    }
    return out;
  }

  /** A manifest whose billingPeriod disagrees with its folder would be counted under the wrong month. */
  private static void checkPeriod(JsonNode json, YearMonth folder, S3Location where) {
    JsonNode bp = json.get("billingPeriod");
    if (bp == null || bp.isNull()) {
      return; // optional in older CUR 2.0 manifests: the folder names the period
    }
    String raw = bp.isObject() ? bp.path("start").asText("") : bp.asText("");
    YearMonth ym = parsePeriod(raw);
    if (ym == null) {
      throw new OffGridFlowException(CloudErrorCode.INVALID_BILL, where + ": field billingPeriod"
          + (bp.isObject() ? ".start" : "") + ": value '" + raw + "' is not a date such as 20250101T000000.000Z or 2025-01");
    }
    if (!ym.equals(folder)) {
      throw new OffGridFlowException(CloudErrorCode.INVALID_BILL, where + ": field billingPeriod: value '" + raw
          + "' is " + ym + " but the manifest's folder is for " + folder);
    }
  }

  static @Nullable YearMonth parsePeriod(String raw) {
    String digits = raw.replace("-", "");
    if (digits.length() < 6) {
      return null;
    }
    try {
      return YearMonth.of(Integer.parseInt(digits.substring(0, 4)), Integer.parseInt(digits.substring(4, 6)));
    } catch (NumberFormatException | DateTimeException e) {
      return null;
    }
  }

  private void listObjects(List<BillSource> out) {
    try {
      for (ListObjectsV2Response page : s3.listObjectsV2Paginator(r -> r.bucket(root.bucket()).prefix(root.key()))) {
        for (S3Object o : page.contents()) {
          if (isBill(o.key()) && inPeriods(o.key())) {
            S3Location where = new S3Location(root.bucket(), o.key());
            out.add(BillSource.single(where.toString(), new S3CurInput(s3, where, o.eTag(), o.size())));
          }
        }
      }
    } catch (SdkException e) {
      throw S3Errors.unreadable(root, "cannot list objects", e);
    }
    if (out.isEmpty()) {
      throw new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, root + ": no CUR manifest and no .csv, .csv.gz,"
          + " .zip or .parquet object" + (periods.isEmpty() ? "" : " of billing periods " + periods) + " under it");
    }
  }

  private static boolean isBill(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.endsWith(".csv") || k.endsWith(".csv.gz") || k.endsWith(".zip") || k.endsWith(".parquet");
  }

  /** Listed objects are filtered by the period folder in their key when there is one. */
  private boolean inPeriods(String key) {
    if (periods.isEmpty()) {
      return true;
    }
    Matcher m = PERIOD_IN_KEY.matcher("/" + key);
    if (!m.find()) {
      return true;
    }
    YearMonth ym = m.group(1) != null
        ? YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)))
        : YearMonth.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
    return periods.contains(ym);
  }

  private List<String> childFolders(String prefix) {
    List<String> out = new ArrayList<>();
    try {
      for (ListObjectsV2Response page : s3.listObjectsV2Paginator(r -> r.bucket(root.bucket()).prefix(prefix)
          .delimiter("/"))) {
        for (CommonPrefix cp : page.commonPrefixes()) {
          out.add(cp.prefix());
        }
      }
    } catch (NoSuchKeyException e) {
      return out;
    } catch (S3Exception e) {
      throw S3Errors.unreadable(new S3Location(root.bucket(), prefix), "cannot list", e);
    } catch (SdkException e) {
      throw S3Errors.unreadable(new S3Location(root.bucket(), prefix), "cannot list", e);
    }
    return out;
  }

  /** {@code a/b/c/} -> {@code c}. */
  private static String lastSegment(String folder) {
    String f = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
    return f.substring(f.lastIndexOf('/') + 1);
  }
}
