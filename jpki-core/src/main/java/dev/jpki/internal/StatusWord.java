// SPDX-License-Identifier: Apache-2.0
package dev.jpki.internal;

import dev.jpki.apdu.ApplicationNotFoundException;
import dev.jpki.apdu.CardStatusException;
import dev.jpki.apdu.SecurityStatusException;

/**
 * The status words (SW1 SW2) of the My Number Card, as {@code int}s so {@code 0x9000} stays positive.
 *
 * <p>Meanings follow docs/card-protocol.md §3.4 (JICSAP / ISO 7816-4 as observed on this card).
 */
public final class StatusWord {
  /** Success. */
  public static final int OK = 0x9000;
  /** VERIFY failed on a key with unlimited retries (JICSAP); not seen on this card. */
  public static final int VERIFY_FAILED = 0x6300;
  /** End of file reached before Le bytes (ISO warning; the card may use it past EOF, docs/card-protocol.md §3.2). */
  public static final int END_OF_FILE = 0x6282;
  /** Wrong length: Lc or Le (e.g. short Le on a large object). */
  public static final int WRONG_LENGTH = 0x6700;
  /** Logical channel not supported (only channel 0 exists, docs/card-protocol.md §1). */
  public static final int LOGICAL_CHANNEL_NOT_SUPPORTED = 0x6881;
  /** Secure messaging not supported. */
  public static final int SECURE_MESSAGING_NOT_SUPPORTED = 0x6882;
  /** Command incompatible with file structure (READ on a key reference). */
  public static final int FILE_STRUCTURE_INCOMPATIBLE = 0x6981;
  /** Security status not satisfied: the credential that opens this file or key is not verified. */
  public static final int SECURITY_STATUS_NOT_SATISFIED = 0x6982;
  /** Authentication method blocked (ISO); not observed on this card, which uses {@link #REFERENCE_DATA_BLOCKED}. */
  public static final int AUTHENTICATION_METHOD_BLOCKED = 0x6983;
  /** Referenced IEF locked: every VERIFY on an already blocked key (docs/card-protocol.md §3.4). */
  public static final int REFERENCE_DATA_BLOCKED = 0x6984;
  /** Conditions of use not satisfied (e.g. bad signing input length). */
  public static final int CONDITIONS_NOT_SATISFIED = 0x6985;
  /** Command not allowed: no current EF / DF. */
  public static final int COMMAND_NOT_ALLOWED = 0x6986;
  /** Secure messaging data objects missing. */
  public static final int SM_DATA_MISSING = 0x6987;
  /** Secure messaging data objects incorrect. */
  public static final int SM_DATA_INCORRECT = 0x6988;
  /** Incorrect data field. */
  public static final int WRONG_DATA = 0x6A80;
  /** File or application not found. */
  public static final int FILE_NOT_FOUND = 0x6A82;
  /** Incorrect P1 or P2. */
  public static final int INCORRECT_P1_P2 = 0x6A86;
  /** Referenced data (e.g. a GET DATA object) not found. */
  public static final int REFERENCED_DATA_NOT_FOUND = 0x6A88;
  /** Offset beyond the end of the EF (JICSAP value, docs/card-protocol.md §3.2). */
  public static final int WRONG_OFFSET = 0x6B00;
  /** Instruction not supported. */
  public static final int INS_NOT_SUPPORTED = 0x6D00;
  /** Class not supported. */
  public static final int CLA_NOT_SUPPORTED = 0x6E00;
  /** No precise diagnosis. */
  public static final int NO_PRECISE_DIAGNOSIS = 0x6F00;

  private StatusWord() {}

  /**
   * Whether {@code sw} is {@code 63Cx}: a failed or queried VERIFY with x tries left.
   *
   * @param sw the status word
   * @return true for 63C0..63CF
   */
  public static boolean isRetryCounter(int sw) {
    return (sw & 0xFFF0) == 0x63C0;
  }

  /**
   * The tries left encoded in a {@code 63Cx} status word.
   *
   * @param sw a status word for which {@link #isRetryCounter(int)} holds
   * @return x, 0..15
   * @throws IllegalArgumentException if {@code sw} is not 63Cx
   */
  public static int retriesLeft(int sw) {
    if (!isRetryCounter(sw)) {
      throw new IllegalArgumentException("not a 63Cx status word: " + toHex(sw));
    }
    return sw & 0x0F;
  }

  /**
   * Whether {@code sw} is {@code 61xx}: more response bytes are available with GET RESPONSE.
   *
   * @param sw the status word
   * @return true for 61xx
   */
  public static boolean isBytesAvailable(int sw) {
    return (sw & 0xFF00) == 0x6100;
  }

  /**
   * Whether {@code sw} is {@code 6Cxx}: wrong Le, re-issue the command with Le = xx.
   *
   * @param sw the status word
   * @return true for 6Cxx
   */
  public static boolean isWrongLe(int sw) {
    return (sw & 0xFF00) == 0x6C00;
  }

  /**
   * Four upper-case hex digits.
   *
   * @param sw the status word
   * @return e.g. {@code "6A82"}
   */
  public static String toHex(int sw) {
    String s = Integer.toHexString(sw & 0xFFFF).toUpperCase(java.util.Locale.ROOT);
    return "0000".substring(s.length()) + s;
  }

  /**
   * A short English name for a status word, for messages and traces.
   *
   * @param sw the status word
   * @return e.g. {@code "6A82 (file not found)"}
   */
  public static String describe(int sw) {
    String what;
    if (isRetryCounter(sw)) {
      what = "verification failed, " + retriesLeft(sw) + " tries left";
    } else if (isBytesAvailable(sw)) {
      what = (sw & 0xFF) + " more bytes available";
    } else if (isWrongLe(sw)) {
      what = "wrong Le, expected " + (sw & 0xFF);
    } else {
      switch (sw) {
        case OK: what = "success"; break;
        case VERIFY_FAILED: what = "verification failed"; break;
        case END_OF_FILE: what = "end of file"; break;
        case WRONG_LENGTH: what = "wrong length"; break;
        case LOGICAL_CHANNEL_NOT_SUPPORTED: what = "logical channel not supported"; break;
        case SECURE_MESSAGING_NOT_SUPPORTED: what = "secure messaging not supported"; break;
        case FILE_STRUCTURE_INCOMPATIBLE: what = "command incompatible with file structure"; break;
        case SECURITY_STATUS_NOT_SATISFIED: what = "security status not satisfied"; break;
        case AUTHENTICATION_METHOD_BLOCKED: what = "authentication method blocked"; break;
        case REFERENCE_DATA_BLOCKED: what = "reference data blocked"; break;
        case CONDITIONS_NOT_SATISFIED: what = "conditions of use not satisfied"; break;
        case COMMAND_NOT_ALLOWED: what = "command not allowed (no current file)"; break;
        case SM_DATA_MISSING: what = "secure messaging data missing"; break;
        case SM_DATA_INCORRECT: what = "secure messaging data incorrect"; break;
        case WRONG_DATA: what = "incorrect data field"; break;
        case FILE_NOT_FOUND: what = "file or application not found"; break;
        case INCORRECT_P1_P2: what = "incorrect P1/P2"; break;
        case REFERENCED_DATA_NOT_FOUND: what = "referenced data not found"; break;
        case WRONG_OFFSET: what = "offset beyond end of file"; break;
        case INS_NOT_SUPPORTED: what = "instruction not supported"; break;
        case CLA_NOT_SUPPORTED: what = "class not supported"; break;
        case NO_PRECISE_DIAGNOSIS: what = "no precise diagnosis"; break;
        default: what = "unexpected status";
      }
    }
    return toHex(sw) + " (" + what + ")";
  }

  /**
   * Maps an unexpected status word to the most specific exception, in one place. PIN-related words (63Cx,
   * 6983, 6984) after VERIFY are mapped by the card layer, which knows the credential type.
   *
   * @param sw the status word
   * @param ins the instruction byte
   * @param what the operation, e.g. {@code "SELECT JPKI AP"} or {@code "READ BINARY EF 0001"}
   * @return the exception to throw
   */
  public static CardStatusException refusal(int sw, int ins, String what) {
    String msg = what + " refused: SW=" + describe(sw) + ", INS=" + Hex.encode(new byte[] {(byte) ins});
    if (sw == SECURITY_STATUS_NOT_SATISFIED) {
      return new SecurityStatusException(ins, msg);
    }
    if (sw == FILE_NOT_FOUND && ins == 0xA4) {
      return new ApplicationNotFoundException(ins, msg);
    }
    return new CardStatusException(sw, ins, msg);
  }
}
