// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.internal;

import dev.jpki.verify.BadInputException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Parses DER UTCTime (tag 17) and GeneralizedTime (tag 18) in their RFC 5280 forms. */
public final class DerTime {
  /** UTCTime tag. */
  public static final int UTC_TIME = 0x17;
  /** GeneralizedTime tag. */
  public static final int GENERALIZED_TIME = 0x18;

  private DerTime() {}

  /**
   * Parses a time value: {@code YYMMDDHHMMSSZ} (UTCTime, years 50–99 are 19xx) or
   * {@code YYYYMMDDHHMMSSZ} (GeneralizedTime).
   *
   * @param b buffer
   * @param off first value byte
   * @param len value length
   * @param tag {@link #UTC_TIME} or {@link #GENERALIZED_TIME}
   * @param field field name for messages
   * @return the instant
   * @throws BadInputException on any other form
   */
  public static Instant parse(byte[] b, int off, int len, int tag, String field) throws BadInputException {
    int p = off;
    int year;
    if (tag == UTC_TIME) {
      if (len != 13) {
        throw new BadInputException(field, off, "UTCTime must be YYMMDDHHMMSSZ");
      }
      int yy = digits(b, p, 2, field);
      year = yy >= 50 ? 1900 + yy : 2000 + yy;
      p += 2;
    } else if (tag == GENERALIZED_TIME) {
      if (len != 15) {
        throw new BadInputException(field, off, "GeneralizedTime must be YYYYMMDDHHMMSSZ");
      }
      year = digits(b, p, 4, field);
      p += 4;
    } else {
      throw new BadInputException(field, off, String.format("expected a time, found tag %02X", tag));
    }
    int month = digits(b, p, 2, field);
    int day = digits(b, p + 2, 2, field);
    int hour = digits(b, p + 4, 2, field);
    int minute = digits(b, p + 6, 2, field);
    int second = digits(b, p + 8, 2, field);
    if (b[p + 10] != 'Z') {
      throw new BadInputException(field, off, "time must end in Z");
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      throw new BadInputException(field, off, "not a valid date and time", e);
    }
  }

  private static int digits(byte[] b, int p, int n, String field) throws BadInputException {
    int v = 0;
    for (int i = 0; i < n; i++) {
      int d = b[p + i] - '0';
      if (d < 0 || d > 9) {
        throw new BadInputException(field, p + i, "non-digit in time");
      }
      v = v * 10 + d;
    }
    return v;
  }
}
