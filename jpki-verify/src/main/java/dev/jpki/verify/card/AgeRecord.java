package dev.jpki.verify.card;

import dev.jpki.verify.BadInputException;
import dev.jpki.verify.internal.DerCursor;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * The visual AP's age record, EF {@code 0001} (spec §7.4), opened with the 6-digit DOB key:
 * {@code FF10 { DF11 YYYYMMDD ; DF12 card key ; DF13 signature }}. Verify it with {@link
 * CardDataVerifier#verifyAgeRecord} before trusting the date.
 *
 * <p>Personal data: {@link #toString()} is masked.
 */
public final class AgeRecord {
  private final LocalDate dateOfBirth;
  private final RSAPublicKey cardKey;
  final int signedEnd;
  final int signatureStart;
  final int signatureEnd;

  private AgeRecord(LocalDate dob, RSAPublicKey key, int signedEnd, int sigStart, int sigEnd) {
    this.dateOfBirth = dob;
    this.cardKey = key;
    this.signedEnd = signedEnd;
    this.signatureStart = sigStart;
    this.signatureEnd = sigEnd;
  }

  /**
   * Parses EF 0001 of the visual AP.
   *
   * @param ef0001 the file content
   * @return the record
   * @throws BadInputException if the layout differs from spec §7.4
   */
  public static AgeRecord parse(byte[] ef0001) throws BadInputException {
    DerCursor c = new DerCursor(ef0001, 0, "age record");
    c.expect(0xFF10, ef0001.length, "record");
    int end = c.valueEnd;
    c.expect(0xDF11, end, "date of birth");
    LocalDate dob = gregorian(ef0001, c.valueStart, c.valueLength(), "age record date of birth");
    c.skip();
    c.expect(0xDF12, end, "card key");
    RSAPublicKey key = CardKeys.parseRsa(ef0001, c.valueStart, c.valueEnd, "age record card key");
    c.skip();
    int signedEnd = c.pos;
    c.expect(0xDF13, end, "signature");
    return new AgeRecord(dob, key, signedEnd, c.valueStart, c.valueEnd);
  }

  static LocalDate gregorian(byte[] b, int off, int len, String field) throws BadInputException {
    if (len != 8) {
      throw new BadInputException(field, off, "expected YYYYMMDD");
    }
    String s = new String(b, off, 8, StandardCharsets.US_ASCII);
    if (!s.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
      throw new BadInputException(field, off, "non-digit in date");
    }
    try {
      return LocalDate.of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(4, 6)),
          Integer.parseInt(s.substring(6, 8)));
    } catch (DateTimeException e) {
      throw new BadInputException(field, off, "not a calendar date", e);
    }
  }

  /**
   * Returns the date of birth (Gregorian).
   *
   * @return the date
   */
  public LocalDate dateOfBirth() {
    return dateOfBirth;
  }

  /**
   * Returns the card key (DF12) that signs liveness challenges.
   *
   * @return the RSA key
   */
  public RSAPublicKey cardKey() {
    return cardKey;
  }

  @Override
  public String toString() {
    return "AgeRecord[dateOfBirth=<redacted>]";
  }
}
