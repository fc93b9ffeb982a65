// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.card;

/**
 * A reusable, allocation-free view of one command APDU (ISO 7816-4 §5.1 cases 1-4, short and
 * extended). The engine owns one instance and re-parses into it for every command.
 */
final class ParsedCommand {
  byte[] buf = new byte[0];
  int cla;
  int ins;
  int p1;
  int p2;
  /** Offset of the command data in {@link #buf}. */
  int dataOffset;
  /** Nc: number of data bytes (0 if none). */
  int lc;
  /** Ne: expected response length, 0 if no Le field; 256 / 65536 for a zero Le. */
  int ne;
  /** Whether an Le field was present. */
  boolean hasLe;
  /** Whether the extended length encoding was used. */
  boolean extended;

  /**
   * Parses {@code cmd}.
   *
   * @return true if the length fields are consistent with the total length (else the card answers
   *     6700)
   */
  boolean parse(byte[] cmd) {
    buf = cmd;
    lc = 0;
    ne = 0;
    hasLe = false;
    extended = false;
    dataOffset = 5;
    int n = cmd.length;
    if (n < 4) {
      return false;
    }
    cla = cmd[0] & 0xFF;
    ins = cmd[1] & 0xFF;
    p1 = cmd[2] & 0xFF;
    p2 = cmd[3] & 0xFF;
    if (n == 4) {
      return true; // case 1
    }
    int b4 = cmd[4] & 0xFF;
    if (n == 5) { // case 2 short
      hasLe = true;
      ne = b4 == 0 ? 256 : b4;
      return true;
    }
    if (b4 != 0) { // short case 3 or 4
      lc = b4;
      if (n == 5 + lc) {
        return true;
      }
      if (n == 6 + lc) {
        hasLe = true;
        int le = cmd[n - 1] & 0xFF;
        ne = le == 0 ? 256 : le;
        return true;
      }
      return false;
    }
    // b4 == 0 and n > 5: extended length
    extended = true;
    if (n < 7) {
      return false;
    }
    int w = ((cmd[5] & 0xFF) << 8) | (cmd[6] & 0xFF);
    if (n == 7) { // case 2E
      hasLe = true;
      ne = w == 0 ? 65536 : w;
      return true;
    }
    if (w == 0) {
      return false; // extended Lc of zero is not a valid encoding
    }
    lc = w;
    dataOffset = 7;
    if (n == 7 + lc) {
      return true; // case 3E
    }
    if (n == 9 + lc) { // case 4E
      hasLe = true;
      int le = ((cmd[n - 2] & 0xFF) << 8) | (cmd[n - 1] & 0xFF);
      ne = le == 0 ? 65536 : le;
      return true;
    }
    return false;
  }
}
