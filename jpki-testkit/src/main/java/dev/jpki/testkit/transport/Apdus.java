// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.transport;

/** Hex and redaction helpers shared by the transports; never prints sensitive command data. */
final class Apdus {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private Apdus() {}

  /** Whether the command uses the extended length encoding (ISO 7816-4: byte 4 is 00, length > 5). */
  static boolean isExtended(byte[] command) {
    return command.length > 5 && command[4] == 0;
  }

  /**
   * Whether the command's data field must not be shown: credentials (VERIFY, CHANGE REFERENCE
   * DATA, CHANGE KEY), data being signed (COMPUTE DIGITAL SIGNATURE, INTERNAL AUTHENTICATE) and
   * session keys (docs/conventions.md §7).
   */
  static boolean isSensitive(byte[] command) {
    if (command.length < 2) {
      return false;
    }
    switch (command[1] & 0xFF) {
      case 0x20: // VERIFY
      case 0x24: // CHANGE REFERENCE DATA
      case 0x32: // CHANGE KEY
      case 0x2A: // COMPUTE DIGITAL SIGNATURE
      case 0x88: // INTERNAL AUTHENTICATE
      case 0xAE: // SET SESSION KEY
        return true;
      default:
        return false;
    }
  }

  /** Full hex for ordinary commands; header only plus a redaction marker for sensitive ones. */
  static String describe(byte[] command) {
    if (isSensitive(command) && command.length > 5) {
      // Neither the data nor its length: a PIN's length is a secret too (docs/conventions.md §7).
      return hex(command, 0, 4) + " <data redacted>";
    }
    return hex(command, 0, command.length);
  }

  static String hex(byte[] b, int off, int len) {
    StringBuilder sb = new StringBuilder(len * 2);
    for (int i = off; i < off + len; i++) {
      sb.append(HEX[(b[i] >> 4) & 0xF]).append(HEX[b[i] & 0xF]);
    }
    return sb.toString();
  }

  /**
   * Parses hex, ignoring whitespace and colons.
   *
   * @throws IllegalArgumentException naming the offending position
   */
  static byte[] parseHex(String s) {
    StringBuilder clean = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == ':') {
        continue;
      }
      if (Character.digit(ch, 16) < 0) {
        throw new IllegalArgumentException("not a hex digit at index " + i + ": '" + ch + "'");
      }
      clean.append(ch);
    }
    if (clean.length() % 2 != 0) {
      throw new IllegalArgumentException("odd number of hex digits (" + clean.length() + ")");
    }
    byte[] out = new byte[clean.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ((Character.digit(clean.charAt(2 * i), 16) << 4)
          | Character.digit(clean.charAt(2 * i + 1), 16));
    }
    return out;
  }
}
