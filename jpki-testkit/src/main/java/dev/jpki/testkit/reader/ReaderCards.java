// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.reader;

import dev.jpki.testkit.card.ApduProcessor;
import dev.jpki.testkit.card.ForwardingApduProcessor;
import java.util.Arrays;

/**
 * Card-level reader behaviours: {@link ApduProcessor} decorators that change what comes back, the way a
 * reader or phone between host and card does. They work wherever an {@code ApduProcessor} goes: in
 * process ({@code VirtualCardTransport.builder(model)}), through vpcd and behind a mocked {@code IsoDep}.
 *
 * <p>Each decorator is stateless between commands unless documented, and not thread-safe.
 */
public final class ReaderCards {
  private static final int INS_GET_RESPONSE = 0xC0;

  private ReaderCards() {}

  /**
   * A reader that answers {@code 6700} (wrong length) to every command with an extended Le, without
   * passing it to the card (some readers and NFC stacks do this).
   *
   * @param card the card behind the reader
   * @return the model
   */
  public static ApduProcessor refusesExtendedLe(ApduProcessor card) {
    return new ForwardingApduProcessor(card) {
      @Override
      public byte[] process(byte[] command) {
        if (hasExtendedLe(command)) {
          return sw(0x6700);
        }
        return card.process(command);
      }
    };
  }

  /**
   * A T=0 reader as the host sees it when the stack does not hide the protocol: every response with
   * data comes as {@code 61xx} and is fetched with GET RESPONSE in pieces of at most 256 bytes; a
   * case-2 command whose Le asks for more than the card has is answered {@code 6Cxx} (xx = the available
   * length) first. Extended commands are refused with {@code 6700} (T=0 cannot carry them).
   *
   * @param card the card behind the reader
   * @return the model
   */
  public static ApduProcessor t0(ApduProcessor card) {
    return new ForwardingApduProcessor(card) {
      private byte[] pending = new byte[0];
      private int pendingSw = 0x9000;

      @Override
      public byte[] process(byte[] command) {
        if (command.length >= 7 && command[4] == 0) {
          return sw(0x6700);
        }
        if (command.length >= 2 && (command[1] & 0xFF) == INS_GET_RESPONSE) {
          int le = command.length == 5 ? (command[4] == 0 ? 256 : command[4] & 0xFF) : 256;
          return nextPiece(le);
        }
        byte[] r = card.process(command);
        int n = r.length - 2;
        int status = ((r[n] & 0xFF) << 8) | (r[n + 1] & 0xFF);
        boolean case2 = command.length == 5;
        int le = case2 ? (command[4] == 0 ? 256 : command[4] & 0xFF) : -1;
        if (case2 && n > 0 && n < le && status == 0x9000) {
          // The card has fewer bytes than asked for: ask the host to re-issue with the exact Le.
          return sw(0x6C00 | n);
        }
        if (n == 0) {
          return r;
        }
        pending = Arrays.copyOf(r, n);
        pendingSw = status;
        return sw(0x6100 | (n >= 256 ? 0 : n));
      }

      private byte[] nextPiece(int le) {
        if (pending.length == 0) {
          return sw(0x6985);
        }
        int k = Math.min(le, pending.length);
        byte[] out = Arrays.copyOf(pending, k + 2);
        pending = Arrays.copyOfRange(pending, k, pending.length);
        int next = pending.length == 0 ? pendingSw : 0x6100 | (pending.length >= 256 ? 0 : pending.length);
        out[k] = (byte) (next >> 8);
        out[k + 1] = (byte) next;
        return out;
      }

      @Override
      public void reset() {
        pending = new byte[0];
        super.reset();
      }
    };
  }

  /**
   * A reader that lies about extended length: it forwards the command but cuts every response with
   * more than {@code maxData} data bytes down to {@code maxData} bytes, keeping {@code 9000} (a "short
   * answer without end of file").
   *
   * @param card the card behind the reader
   * @param maxData data bytes it passes on, at least 1
   * @return the model
   */
  public static ApduProcessor truncatesLongResponses(ApduProcessor card, int maxData) {
    if (maxData < 1) {
      throw new IllegalArgumentException("maxData must be positive");
    }
    return new ForwardingApduProcessor(card) {
      @Override
      public byte[] process(byte[] command) {
        byte[] r = card.process(command);
        int n = r.length - 2;
        if (n <= maxData) {
          return r;
        }
        byte[] out = Arrays.copyOf(r, maxData + 2);
        out[maxData] = r[n];
        out[maxData + 1] = r[n + 1];
        return out;
      }
    };
  }

  /**
   * A broken reader that appends {@code extra} bytes to every response with data, so responses are
   * longer than the host asked for.
   *
   * @param card the card behind the reader
   * @param extra bytes appended, at least 1
   * @return the model
   */
  public static ApduProcessor longerThanAsked(ApduProcessor card, int extra) {
    return new ForwardingApduProcessor(card) {
      @Override
      public byte[] process(byte[] command) {
        byte[] r = card.process(command);
        int n = r.length - 2;
        if (n == 0) {
          return r;
        }
        byte[] out = new byte[r.length + extra];
        System.arraycopy(r, 0, out, 0, n);
        out[n + extra] = r[n];
        out[n + extra + 1] = r[n + 1];
        return out;
      }
    };
  }

  /**
   * A broken reader whose {@code 61xx} chain never ends: any command with response data answers
   * {@code 6110}, and every GET RESPONSE returns 16 bytes and {@code 6110} again.
   *
   * @param card the card behind the reader
   * @return the model
   */
  public static ApduProcessor endlessGetResponse(ApduProcessor card) {
    return new ForwardingApduProcessor(card) {
      @Override
      public byte[] process(byte[] command) {
        if (command.length >= 2 && (command[1] & 0xFF) == INS_GET_RESPONSE) {
          byte[] out = new byte[18];
          out[16] = 0x61;
          out[17] = 0x10;
          return out;
        }
        byte[] r = card.process(command);
        return r.length > 2 ? sw(0x6110) : r;
      }
    };
  }

  static boolean hasExtendedLe(byte[] command) {
    if (command.length < 7 || command[4] != 0) {
      return false;
    }
    int lc = ((command[5] & 0xFF) << 8) | (command[6] & 0xFF);
    // Case 2E: 00 Le1 Le2 (7 bytes). Case 4E: 00 Lc1 Lc2 data Le1 Le2.
    return command.length == 7 || command.length == 7 + lc + 2;
  }

  static byte[] sw(int sw) {
    return new byte[] {(byte) (sw >> 8), (byte) sw};
  }
}
