// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import dev.jpki.JpkiException;
import org.jspecify.annotations.Nullable;

/**
 * Input bytes (a certificate, CRL, OCSP response, CMS structure, card file) are malformed, truncated,
 * oversized or of the wrong type, so they cannot be checked at all.
 *
 * <p>The message names the field and, where known, the byte offset; it never quotes the bytes
 * themselves (they may hold personal data).
 */
public final class BadInputException extends JpkiException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final long offset;

  /**
   * Creates an exception for a malformed field.
   *
   * @param field what was being read, e.g. {@code "CRL entry serial"}
   * @param offset byte offset of the problem in the input, or -1 when not meaningful
   * @param problem what is wrong, without any input bytes
   */
  public BadInputException(String field, long offset, String problem) {
    this(field, offset, problem, null);
  }

  /**
   * Creates an exception for a malformed field with an underlying cause.
   *
   * @param field what was being read
   * @param offset byte offset of the problem in the input, or -1 when not meaningful
   * @param problem what is wrong, without any input bytes
   * @param cause the parser exception, if any
   */
  public BadInputException(String field, long offset, String problem, @Nullable Throwable cause) {
    super(field + (offset >= 0 ? " at offset " + offset : "") + ": " + problem, cause);
    this.field = field;
    this.offset = offset;
  }

  /**
   * Returns the message: field, offset and problem, never input bytes.
   *
   * @return the message, never null
   */
  @Override
  public String getMessage() {
    String m = super.getMessage();
    return m == null ? field : m;
  }

  /**
   * Returns the field that could not be read.
   *
   * @return a short field name such as {@code "CRL entry serial"}
   */
  public String field() {
    return field;
  }

  /**
   * Returns the byte offset of the problem.
   *
   * @return the offset into the input, or -1 when not meaningful
   */
  public long offset() {
    return offset;
  }
}
