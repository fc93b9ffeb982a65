// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import dev.jpki.apdu.CardTransport;
import dev.jpki.apdu.TransportException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code jpki doctor --probe}: measures which READ BINARY response sizes the reader and card carry, on the
 * one file every My Number Card shows without a PIN, the JPKI authentication certificate (EF 000A). It
 * sends SELECT JPKI AP, SELECT EF 000A, the certificate in 256-byte short reads (the reference bytes), then
 * extended READ BINARYs from offset 0 with a growing Le; each answer must equal the reference. It stops at
 * the first failure and never sends a VERIFY or a signature: no PIN, nothing written (the SELECT leaves
 * the JPKI AP selected, as any reader of the certificate does). Extended length is a property of the
 * reader, so this is what decides {@code ExtendedLength.ALWAYS} for an installation
 * (docs/card-protocol.md §16).
 */
final class SizeProbe {
  /** Extended Le values tried, in order; 8190 is the most javax.smartcardio carries with SW1 SW2. */
  static final int[] EXTENDED_LE = {512, 1024, 2048, 4096, 8190};
  private static final byte[] SELECT_JPKI = HexFormat.of().parseHex("00A4040C0AD392F000260100000001");
  private static final byte[] SELECT_AUTH_CERT = HexFormat.of().parseHex("00A4020C02000A");
  /** Short reads of the certificate at most: 32767 / 256, so a lying header cannot make this loop long. */
  private static final int MAX_SHORT_READS = 128;

  /** One extended READ BINARY of the probe. */
  record Step(int le, int bytes, String result) {}

  /**
   * What the probe found.
   *
   * @param shortReads whether the certificate came back intact in 256-byte short reads
   * @param certificateLength the certificate's length from its DER header
   * @param maxResponse the most response data bytes one READ BINARY delivered intact (256 if only short)
   * @param extended whether an extended READ BINARY of more than 256 bytes came back intact
   * @param steps the extended READ BINARYs tried
   */
  record Result(boolean shortReads, int certificateLength, int maxResponse, boolean extended, List<Step> steps) {}

  private SizeProbe() {}

  static Result run(CardTransport t) throws TransportException {
    expect9000(t.transceive(SELECT_JPKI), "SELECT JPKI AP (not a My Number Card?)");
    expect9000(t.transceive(SELECT_AUTH_CERT), "SELECT JPKI EF 000A");
    byte[] first = t.transceive(readBinary(0, 256, false));
    int sw = sw(first);
    if (sw != 0x9000 || first.length < 6 || first[0] != 0x30 || first[1] != (byte) 0x82) {
      throw new CliException(ExitCode.CARD, "the authentication certificate (JPKI EF 000A) does not start with a"
          + " DER header (SW " + String.format("%04X", sw) + "); not a My Number Card, or the reader garbles answers");
    }
    int total = 4 + (((first[2] & 0xFF) << 8) | (first[3] & 0xFF));
    byte[] reference = new byte[total];
    int have = Math.min(total, first.length - 2);
    System.arraycopy(first, 0, reference, 0, have);
    boolean shortOk = first.length - 2 == Math.min(256, total);
    for (int reads = 1; have < total && shortOk && reads < MAX_SHORT_READS; reads++) {
      int le = Math.min(256, total - have);
      byte[] r = t.transceive(readBinary(have, le, false));
      if (sw(r) != 0x9000 || r.length - 2 != le) {
        shortOk = false;
        break;
      }
      System.arraycopy(r, 0, reference, have, le);
      have += le;
    }
    if (!shortOk || have < total) {
      throw new CliException(ExitCode.CARD, "even 256-byte short reads of the authentication certificate came back"
          + " incomplete: the reader or the connection is faulty; re-insert the card and try again");
    }
    List<Step> steps = new ArrayList<>();
    int proven = 256;
    if (!t.capabilities().extendedLength()) {
      steps.add(new Step(0, 0, "not tried: the connection carries short APDUs only (T=0 or the platform)"));
      return new Result(true, total, proven, false, steps);
    }
    for (int le : EXTENDED_LE) {
      byte[] r;
      try {
        r = t.transceive(readBinary(0, le, true));
      } catch (TransportException e) {
        steps.add(new Step(le, 0, "transport error " + e.reason()));
        break;
      }
      int s = sw(r);
      int n = r.length - 2;
      int must = Math.min(le, total);
      if (s != 0x9000 && s != 0x6282) {
        steps.add(new Step(le, n, "SW " + String.format("%04X", s)));
        break;
      }
      if (n < must || n > le || !Arrays.equals(r, 0, must, reference, 0, must)) {
        steps.add(new Step(le, n, n > le ? "more bytes than asked for" : n < must ? "cut short" : "wrong bytes"));
        break;
      }
      steps.add(new Step(le, n, "ok"));
      proven = Math.max(proven, n);
      if (n < le) {
        break; // the file ended: a larger Le cannot prove more on this file
      }
    }
    return new Result(true, total, proven, proven > 256, steps);
  }

  private static void expect9000(byte[] r, String what) {
    if (sw(r) != 0x9000) {
      throw new CliException(ExitCode.CARD, what + " answered SW " + String.format("%04X", sw(r)));
    }
  }

  private static int sw(byte[] r) {
    return r.length < 2 ? -1 : ((r[r.length - 2] & 0xFF) << 8) | (r[r.length - 1] & 0xFF);
  }

  static byte[] readBinary(int offset, int le, boolean extended) {
    if (extended) {
      return new byte[] {0x00, (byte) 0xB0, (byte) (offset >> 8), (byte) offset, 0x00, (byte) (le >> 8), (byte) le};
    }
    return new byte[] {0x00, (byte) 0xB0, (byte) (offset >> 8), (byte) offset, (byte) (le == 256 ? 0 : le)};
  }
}
