// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import dev.jpki.apdu.MalformedResponseException;

/**
 * The token label of JPKI EF {@code 0006} (the first 32 bytes of a PKCS#11 {@code CK_TOKEN_INFO},
 * space-padded ASCII, docs/card-protocol.md §5.1) and the {@link TokenType} it names.
 */
public final class TokenInfo {
  /** Bytes of the label field at the start of EF 0006. */
  static final int LABEL_LENGTH = 32;

  private final String label;
  private final TokenType type;

  private TokenInfo(String label) {
    this.label = label;
    this.type = TokenType.fromLabel(label);
  }

  /**
   * Parses the label field.
   *
   * @param bytes at least the first 32 bytes of EF 0006
   * @param source the file name for messages
   * @return the token info
   * @throws MalformedResponseException if fewer than 32 bytes arrived or the label is not printable ASCII
   */
  static TokenInfo parse(byte[] bytes, String source) throws MalformedResponseException {
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
    return new TokenInfo(sb.toString());
  }

  /** @return the label without padding, e.g. {@code "JPKIAPICCTOKEN2"} */
  public String label() {
    return label;
  }

  /** @return the token type ({@link TokenType#UNKNOWN} for an unknown label) */
  public TokenType type() {
    return type;
  }

  /** @return whether the token is a smartphone ({@link TokenType#isSmartphone()}) */
  public boolean isSmartphone() {
    return type.isSmartphone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenInfo other && other.label.equals(label);
  }

  @Override
  public int hashCode() {
    return label.hashCode();
  }

  /** @return e.g. {@code TokenInfo[MY_NUMBER_CARD, JPKIAPICCTOKEN2]} (a token label is not personal) */
  @Override
  public String toString() {
    return "TokenInfo[" + type + ", " + label + "]";
  }
}
