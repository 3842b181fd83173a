package io.offgridflow.connectors.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.connectors.aws.internal.BillSource;
import io.offgridflow.connectors.aws.internal.CurInput;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * A billing period's checkpoint fingerprint is what decides "already counted" versus "superseded":
 * it must be stable for the same delivery and change whenever the delivery id, any object's ETag or
 * size, or the set of objects changes; otherwise a re-delivered month would be skipped (or a
 * re-run counted twice).
 */
class BillSourceProperties {

  /** An object as far as fingerprints go: its name and its ETag-and-size fingerprint. */
  record Part(String name, String fingerprint) implements CurInput {
    @Override
    public long size() {
      return 0;
    }

    @Override
    public InputStream open() {
      return InputStream.nullInputStream(); // fingerprints never read the bytes
    }

    @Override
    public Optional<Path> localFile() {
      return Optional.empty();
    }
  }

  static BillSource period(String version, List<String> etags) {
    List<CurInput> parts = new ArrayList<>();
    for (int i = 0; i < etags.size(); i++) {
      parts.add(new Part("s3://b/r/20250101-20250201/" + version + "/r-" + i + ".csv.gz",
          "etag=" + etags.get(i) + ";size=" + (1000 + i)));
    }
    return new BillSource("s3://b/r/20250101-20250201/r-Manifest.json", "jan", parts, version);
  }

  @Property(tries = 200)
  void theSameDeliveryHasTheSameFingerprintAndAnyChangeChangesIt(
      @ForAll @AlphaChars @StringLength(min = 1, max = 12) String version,
      @ForAll @Size(min = 1, max = 6) List<@AlphaChars @StringLength(min = 1, max = 8) String> etags,
      @ForAll @IntRange(min = 0, max = 5) int which) {
    String fp = period(version, etags).fingerprint();
    assertThat(period(version, List.copyOf(etags)).fingerprint()).isEqualTo(fp);

    int i = which % etags.size();
    List<String> changedEtag = new ArrayList<>(etags);
    changedEtag.set(i, etags.get(i) + "x");
    assertThat(period(version, changedEtag).fingerprint()).isNotEqualTo(fp);

    assertThat(period(version + "2", etags).fingerprint()).isNotEqualTo(fp);

    List<String> onePartMore = new ArrayList<>(etags);
    onePartMore.add("extra");
    assertThat(period(version, onePartMore).fingerprint()).isNotEqualTo(fp);
    if (etags.size() > 1) {
      assertThat(period(version, etags.subList(0, etags.size() - 1)).fingerprint()).isNotEqualTo(fp);
    }
  }
}
