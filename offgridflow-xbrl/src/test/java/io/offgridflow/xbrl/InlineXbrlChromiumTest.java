package io.offgridflow.xbrl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Renders the Inline XBRL document in headless Chromium (Debian's {@code chromium} package; set
 * {@code CHROMIUM} to use another binary) to a PNG a person can look at, and reads back the DOM the
 * browser built. Skipped where no Chromium is installed; CI installs it (see docs/xbrl.md).
 */
class InlineXbrlChromiumTest {
  private static Path chromium() {
    String env = System.getenv("CHROMIUM");
    for (String candidate : new String[] {env, "/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
      if (candidate != null && Files.isExecutable(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    return null;
  }

  private static String run(Path chromium, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--hide-scrollbars", "--no-first-run", "--disable-extensions"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    assertThat(p.exitValue()).as("chromium exit code").isZero();
    return new String(out, StandardCharsets.UTF_8);
  }

  @Test
  void chromiumRendersTheReportToAScreenshotAndTheScriptNameStaysText() throws Exception {
    Path chromium = chromium();
    assumeTrue(chromium != null, "no Chromium installed (apt-get install chromium)");
    Path dir = Path.of(System.getProperty("ogf.xbrl.out", "target/xbrl-out")).toAbsolutePath();
    Files.createDirectories(dir);
    Path xhtml = dir.resolve("ghg-2024-chromium.xhtml");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Fixtures.reporter().writeInlineXbrl(Fixtures.report(), out);
    Files.write(xhtml, out.toByteArray());
    Path png = dir.resolve("ghg-2024.png");
    Files.deleteIfExists(png);

    run(chromium, "--window-size=1100,2400", "--screenshot=" + png, xhtml.toUri().toString());

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1100);
    assertThat(image.getHeight()).isEqualTo(2400);
    // A rendered report has text, rules and shading: many colours, not a blank or error page.
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertThat(colours.size()).isGreaterThan(50);

    String dom = run(chromium, "--dump-dom", xhtml.toUri().toString());
    assertThat(dom).contains("Gross Scope 1, 2, 3 and total GHG emissions")
        .contains("&lt;script&gt;alert('owned')&lt;/script&gt;")
        .doesNotContain("<script");
  }
}
