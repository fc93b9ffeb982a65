// SPDX-License-Identifier: Apache-2.0
package dev.jpki.apdu;

import dev.jpki.JpkiException;

/**
 * Card data could not be parsed: a truncated TLV, a length beyond the buffer, an indefinite length,
 * trailing garbage, a certificate that does not decode. Says which file and which offset, never the data.
 */
public class MalformedResponseException extends JpkiException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int offset;

  /**
   * Creates the exception.
   *
   * @param source what was being parsed, e.g. {@code "JPKI EF 000A"} or {@code "response APDU"}
   * @param offset byte offset within {@code source} where parsing failed, or -1 if not applicable
   * @param message what is wrong; must not contain the data itself
   */
  public MalformedResponseException(String source, int offset, String message) {
    super(source + (offset >= 0 ? " at offset " + offset : "") + ": " + message);
    this.source = source;
    this.offset = offset;
  }

  /**
   * Creates the exception with a cause (e.g. a {@code CertificateException}).
   *
   * @param source what was being parsed
   * @param offset byte offset of the failure, or -1
   * @param message what is wrong; must not contain the data itself
   * @param cause the parser's exception
   */
  public MalformedResponseException(String source, int offset, String message, Throwable cause) {
    super(source + (offset >= 0 ? " at offset " + offset : "") + ": " + message, cause);
    this.source = source;
    this.offset = offset;
  }

  /** @return what was being parsed, e.g. {@code "JPKI EF 000A"} */
  public String source() {
    return source;
  }

  /** @return the offset where parsing failed, or -1 */
  public int offset() {
    return offset;
  }
}
