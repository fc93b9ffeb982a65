// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Deterministic stand-ins for the card-face images (docs/card-protocol.md §7.2, §7.4): 1-bit greyscale PNGs of the
 * name, address, security code and My Number, and a clearly fake JPEG 2000 "photo". Written by hand
 * (no AWT) so the bytes are identical on every JDK and need no fonts. Digits use a 5x7 bitmap font in
 * 6x12 cells (so a 4-digit security code is 24x12 and a My Number 72x12, the sizes seen on a card);
 * other characters become 12x12 pseudo-glyphs derived from their code point.
 */
public final class CardImages {
  private static final byte[] PNG_MAGIC = {
    (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A
  };

  /** JP2 signature box: {@code 00 00 00 0C 6A 50 20 20 0D 0A 87 0A} (docs/card-protocol.md §7.2). */
  private static final byte[] JP2_MAGIC = {
    0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, (byte) 0x87, 0x0A
  };

  /** 5x7 digit glyphs, one row per entry, bit 4 = leftmost column. */
  private static final int[][] DIGITS = {
    {0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E}, // 0
    {0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E}, // 1
    {0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F}, // 2
    {0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E}, // 3
    {0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02}, // 4
    {0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E}, // 5
    {0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E}, // 6
    {0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08}, // 7
    {0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E}, // 8
    {0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C}, // 9
  };

  private CardImages() {}

  /**
   * The 12-byte JP2 signature box every JPEG 2000 file starts with (docs/card-protocol.md §7.2).
   *
   * @return a copy of {@code 00 00 00 0C 6A 50 20 20 0D 0A 87 0A}
   */
  public static byte[] jp2Magic() {
    return JP2_MAGIC.clone();
  }

  /**
   * A text rendered as a 12-pixel-high 1-bit greyscale PNG: digits (ASCII or full-width) in 6-pixel
   * cells, every other character as a 12x12 pseudo-glyph.
   *
   * @param text the text (personal data: the image is test data only)
   * @return PNG bytes
   */
  public static byte[] textPng(String text) {
    int width = 0;
    int[] cps = text.codePoints().toArray();
    for (int cp : cps) {
      width += digit(cp) >= 0 ? 6 : 12;
    }
    width = Math.max(width, 1);
    boolean[][] black = new boolean[12][width];
    int x = 0;
    for (int cp : cps) {
      int d = digit(cp);
      if (d >= 0) {
        for (int row = 0; row < 7; row++) {
          for (int col = 0; col < 5; col++) {
            black[row + 2][x + col] = (DIGITS[d][row] >> (4 - col) & 1) != 0;
          }
        }
        x += 6;
      } else {
        byte[] h = CardKeys.sha256(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        for (int row = 1; row < 11; row++) {
          for (int col = 1; col < 11; col++) {
            int bit = (row - 1) * 10 + (col - 1);
            black[row][x + col] = (h[bit >> 3] >> (bit & 7) & 1) != 0;
          }
        }
        x += 12;
      }
    }
    return png1bit(black);
  }

  /**
   * A clearly fake JPEG 2000 file: JP2 signature and file-type boxes, a greyscale image header
   * ({@code jp2h}: 96x120, 8 bit, enumerated colour space 17 = greyscale), an {@code xml } box saying
   * it is not a photograph, and a codestream box holding only SOC and EOC markers. Decoders reject it;
   * readers that check the magic (docs/card-protocol.md §7.2) accept it.
   *
   * @param label a marker written into the XML box (not personal data)
   * @return the bytes, starting with {@link #jp2Magic()}
   */
  public static byte[] fakeJp2(String label) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(JP2_MAGIC);
    out.writeBytes(box("ftyp", concatAscii("jp2 ", new byte[4], "jp2 ")));
    byte[] ihdr = new byte[14];
    putInt(ihdr, 0, 120); // height
    putInt(ihdr, 4, 96); // width
    ihdr[9] = 1; // NC = 1 component
    ihdr[10] = 7; // BPC = 8 bit unsigned
    ihdr[11] = 7; // C = JPEG 2000
    byte[] colr = {1, 0, 0, 0, 0, 0, 17}; // METH 1, enumerated colour space 17 (greyscale)
    out.writeBytes(box("jp2h", concat(box("ihdr", ihdr), box("colr", colr))));
    String xml =
        "<jpki-testkit-photo>FAKE: not a photograph, test data only ("
            + label.replaceAll("[^A-Za-z0-9 _-]", "")
            + ")</jpki-testkit-photo>";
    out.writeBytes(box("xml ", xml.getBytes(StandardCharsets.US_ASCII)));
    out.writeBytes(box("jp2c", new byte[] {(byte) 0xFF, 0x4F, (byte) 0xFF, (byte) 0xD9}));
    return out.toByteArray();
  }

  /** Encodes a 1-bit greyscale PNG ({@code true} = black, PNG sample 0). */
  static byte[] png1bit(boolean[][] black) {
    int h = black.length;
    int w = black[0].length;
    int rowBytes = (w + 7) / 8;
    byte[] raw = new byte[h * (rowBytes + 1)];
    int p = 0;
    for (boolean[] row : black) {
      raw[p++] = 0; // filter: none
      for (int b = 0; b < rowBytes; b++) {
        int v = 0;
        for (int bit = 0; bit < 8; bit++) {
          int x = b * 8 + bit;
          boolean white = x >= w || !row[x];
          v = (v << 1) | (white ? 1 : 0);
        }
        raw[p++] = (byte) v;
      }
    }
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
    d.setInput(raw);
    d.finish();
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    while (!d.finished()) {
      int n = d.deflate(buf);
      z.write(buf, 0, n);
    }
    d.end();
    byte[] ihdr = new byte[13];
    putInt(ihdr, 0, w);
    putInt(ihdr, 4, h);
    ihdr[8] = 1; // bit depth
    ihdr[9] = 0; // colour type: greyscale
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(PNG_MAGIC);
    out.writeBytes(chunk("IHDR", ihdr));
    out.writeBytes(chunk("IDAT", z.toByteArray()));
    out.writeBytes(chunk("IEND", new byte[0]));
    return out.toByteArray();
  }

  private static int digit(int cp) {
    if (cp >= '0' && cp <= '9') {
      return cp - '0';
    }
    if (cp >= 0xFF10 && cp <= 0xFF19) { // full-width digits, as in card addresses (docs/card-protocol.md §6.3)
      return cp - 0xFF10;
    }
    return -1;
  }

  private static byte[] chunk(String type, byte[] data) {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    byte[] len = new byte[4];
    putInt(len, 0, data.length);
    byte[] c = new byte[4];
    putInt(c, 0, (int) crc.getValue());
    return concat(len, t, data, c);
  }

  private static byte[] box(String type, byte[] payload) {
    byte[] len = new byte[4];
    putInt(len, 0, 8 + payload.length);
    return concat(len, type.getBytes(StandardCharsets.US_ASCII), payload);
  }

  private static byte[] concatAscii(String a, byte[] b, String c) {
    return concat(a.getBytes(StandardCharsets.US_ASCII), b, c.getBytes(StandardCharsets.US_ASCII));
  }

  private static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }

  private static byte[] concat(byte[]... parts) {
    return Tlv.concat(parts);
  }
}
