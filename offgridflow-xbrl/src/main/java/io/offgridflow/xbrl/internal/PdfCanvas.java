package io.offgridflow.xbrl.internal;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A top-down writing surface over PDFBox pages: a cursor that moves down as text and tables are
 * written and opens a new A4 page when the space runs out. Uses the standard Helvetica fonts, so
 * nothing is embedded; characters they cannot encode (outside WinAnsi) print as '?', never fail.
 */
final class PdfCanvas implements AutoCloseable {
  static final float MARGIN = 50;
  static final Color INK = new Color(0x1d, 0x2a, 0x33);
  static final Color MUTED = new Color(0x55, 0x63, 0x6d);
  static final Color RULE = new Color(0xd5, 0xdd, 0xe2);

  final PDFont regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
  final PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
  private final PDDocument doc;
  private PDPageContentStream cs;
  private float y;

  PdfCanvas(PDDocument doc) throws IOException {
    this.doc = doc;
    this.cs = newPage();
  }

  float width() {
    return PDRectangle.A4.getWidth() - 2 * MARGIN;
  }

  float y() {
    return y;
  }

  PDPageContentStream stream() {
    return cs;
  }

  private PDPageContentStream newPage() throws IOException {
    PDPage page = new PDPage(PDRectangle.A4);
    doc.addPage(page);
    y = PDRectangle.A4.getHeight() - MARGIN;
    return new PDPageContentStream(doc, page);
  }

  /** Makes room for {@code height} points, starting a new page if the current one is full. */
  void need(float height) throws IOException {
    if (y - height < MARGIN) {
      cs.close();
      cs = newPage();
    }
  }

  void down(float points) {
    y -= points;
  }

  void heading(String text, float size) throws IOException {
    need(size * 2.2f);
    y -= size * 1.4f;
    text(MARGIN, y, text, bold, size, INK);
    y -= size * 0.6f;
  }

  /** A paragraph wrapped to the page width; {@code indent} for bullets. */
  void paragraph(String text, float size, Color color, float indent, String bullet) throws IOException {
    List<String> lines = wrap(safe(text, regular), regular, size, width() - indent);
    for (int i = 0; i < lines.size(); i++) {
      need(size * 1.4f);
      y -= size * 1.4f;
      if (i == 0 && !bullet.isEmpty()) {
        text(MARGIN + indent - 10, y, bullet, regular, size, color);
      }
      text(MARGIN + indent, y, lines.get(i), regular, size, color);
    }
    y -= size * 0.5f;
  }

  /**
   * A table: the first row is the header; columns marked in {@code numeric} are right-aligned, the
   * others left-aligned; rows from {@code boldFromRow} on are bold (0 for none).
   */
  void table(float[] widths, boolean[] numeric, List<String[]> rows, int boldFromRow) throws IOException {
    float size = 9.5f;
    float rowHeight = size * 1.9f;
    for (int r = 0; r < rows.size(); r++) {
      need(rowHeight);
      y -= rowHeight;
      boolean header = r == 0;
      PDFont font = header || (boldFromRow > 0 && r >= boldFromRow) ? bold : regular;
      if (header) {
        fill(MARGIN, y - 4, width(), rowHeight, new Color(0xee, 0xf3, 0xf0));
      }
      float x = MARGIN;
      for (int c = 0; c < widths.length; c++) {
        String cell = fit(safe(rows.get(r)[c], font), font, size, widths[c] - 8);
        float w = font.getStringWidth(cell) / 1000 * size;
        float tx = numeric[c] ? x + widths[c] - 4 - w : x + 4;
        text(tx, y + 2, cell, font, size, INK);
        x += widths[c];
      }
      line(MARGIN, y - 4, MARGIN + width(), y - 4, RULE, 0.6f);
    }
    y -= 6;
  }

  void text(float x, float baseline, String text, PDFont font, float size, Color color) throws IOException {
    cs.beginText();
    cs.setFont(font, size);
    cs.setNonStrokingColor(color);
    cs.newLineAtOffset(x, baseline);
    cs.showText(safe(text, font));
    cs.endText();
  }

  void fill(float x, float yBottom, float w, float h, Color color) throws IOException {
    cs.setNonStrokingColor(color);
    cs.addRect(x, yBottom, w, h);
    cs.fill();
  }

  void line(float x1, float y1, float x2, float y2, Color color, float width) throws IOException {
    cs.setStrokingColor(color);
    cs.setLineWidth(width);
    cs.moveTo(x1, y1);
    cs.lineTo(x2, y2);
    cs.stroke();
  }

  float textWidth(String text, PDFont font, float size) throws IOException {
    return font.getStringWidth(safe(text, font)) / 1000 * size;
  }

  /** Replaces what the font cannot encode (and control characters) with '?'. */
  static String safe(String text, PDFont font) {
    StringBuilder sb = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      String ch = new String(Character.toChars(cp));
      if (Character.isISOControl(cp)) {
        sb.append(' ');
        return;
      }
      try {
        font.encode(ch);
        sb.append(ch);
      } catch (IOException | IllegalArgumentException e) {
        sb.append('?');
      }
    });
    return sb.toString();
  }

  private static List<String> wrap(String text, PDFont font, float size, float width) throws IOException {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      String candidate = line.length() == 0 ? word : line + " " + word;
      if (line.length() > 0 && font.getStringWidth(candidate) / 1000 * size > width) {
        lines.add(line.toString());
        line.setLength(0);
        line.append(word);
      } else {
        line.setLength(0);
        line.append(candidate);
      }
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  /** Shortens a cell to fit its column, marking the cut with an ellipsis. */
  private static String fit(String text, PDFont font, float size, float width) throws IOException {
    if (font.getStringWidth(text) / 1000 * size <= width) {
      return text;
    }
    String t = text;
    while (!t.isEmpty() && font.getStringWidth(t + "\u2026") / 1000 * size > width) {
      t = t.substring(0, t.length() - 1);
    }
    return t + "\u2026";
  }

  @Override
  public void close() throws IOException {
    cs.close();
  }
}
