// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import dev.jpki.apdu.MalformedResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What kind of JPKI token answered, from the token label in JPKI EF {@code 0006} (the first 32 bytes of a
 * PKCS#11 {@code CK_TOKEN_INFO}, space-padded ASCII, docs/card-protocol.md §5.1, §11).
 */
public enum TokenType {
  /** {@code JPKIAPICCTOKEN2}: a physical My Number Card. */
  MY_NUMBER_CARD("JPKIAPICCTOKEN2", false),
  /** {@code JPKIAPICCTOKEN}: an old Basic Resident Registration (住基) card. */
  JUKI_CARD("JPKIAPICCTOKEN", false),
  /** {@code JPKIAPGPSETOKEN}: smartphone JPKI in an Android secure element. */
  ANDROID("JPKIAPGPSETOKEN", true),
  /** {@code JPKIAPIOSTOKEN}: smartphone JPKI on an iPhone (label from a single project: UNCONFIRMED). */
  IPHONE("JPKIAPIOSTOKEN", true),
  /** A label this SDK does not know (the label is logged at DEBUG; it is not personal data). */
  UNKNOWN("", false);

  /** Bytes of the label field at the start of EF 0006. */
  static final int LABEL_LENGTH = 32;

  private final String label;
  private final boolean smartphone;

  TokenType(String label, boolean smartphone) {
    this.label = label;
    this.smartphone = smartphone;
  }

  /**
   * Whether this is a smartphone token: separately issued certificates, JPKI AP only, and the
   * authentication certificate needs the authentication PIN (docs/card-protocol.md §5.2, §11).
   *
   * @return true for Android and iPhone tokens
   */
  public boolean isSmartphone() {
    return smartphone;
  }

  /**
   * Parses the label field of EF 0006.
   *
   * @param bytes at least the first 32 bytes of EF 0006
   * @param source the file name for messages
   * @return the type the label names, {@link #UNKNOWN} for a label this SDK does not know
   * @throws MalformedResponseException if fewer than 32 bytes arrived or the label is not printable ASCII
   */
  static TokenType parse(byte[] bytes, String source) throws MalformedResponseException {
    if (bytes.length < LABEL_LENGTH) {
      throw new MalformedResponseException(source, bytes.length, "token info shorter than its 32-byte label");
    }
    int end = LABEL_LENGTH;
    while (end > 0 && (bytes[end - 1] == ' ' || bytes[end - 1] == 0)) {
      end--;
    }
    StringBuilder sb = new StringBuilder(end);
    for (int i = 0; i < end; i++) {
      int b = bytes[i] & 0xFF;
      if (b < 0x20 || b > 0x7E) {
        throw new MalformedResponseException(source, i, "token label is not printable ASCII");
      }
      sb.append((char) b);
    }
    TokenType type = fromLabel(sb.toString());
    if (type == UNKNOWN) {
      Holder.log.debug("Unknown JPKI token label '{}'", sb);
    }
    return type;
  }

  /** Enum constants are created before static fields: the logger lives in a holder. */
  private static final class Holder {
    static final Logger log = LoggerFactory.getLogger(TokenType.class);
  }

  /** The type for a token label with its padding removed, or {@link #UNKNOWN}. */
  static TokenType fromLabel(String label) {
    for (TokenType t : values()) {
      if (t != UNKNOWN && t.label.equals(label)) {
        return t;
      }
    }
    return UNKNOWN;
  }
}
