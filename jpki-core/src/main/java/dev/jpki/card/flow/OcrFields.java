// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card.flow;

import dev.jpki.card.CardDate;
import dev.jpki.card.Pin;
import dev.jpki.internal.JapaneseEras;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The three card-face fields an app's OCR reads for FAQ Q2-4 pattern 3 (birth date, expiry year,
 * security code), validated, from which 照合番号B is built. OCR output proves nothing by itself: the
 * chip read with the resulting 照合番号B and the verifier's check of its signature do (docs/faq-flows.md).
 *
 * <p>Accepted birth dates: the Japanese-era form printed on the card ({@code 平成2年5月15日}, {@code
 * 令和元年5月1日}, full-width digits and spaces allowed), or Gregorian {@code 1990年5月15日}, {@code
 * 1990-05-15}, {@code 1990/05/15}, {@code 19900515}. Era dates must fall within their era (平成31年5月1日
 * does not exist). Eras before 1873 are refused (the card's era conversion starts there). The security
 * code is kept as characters and cleared by {@link #clear()}; {@link #toString()} shows nothing.
 */
public final class OcrFields {
  private static final Pattern ERA = Pattern.compile(eraNames() + "(元|\\d{1,2})年(\\d{1,2})月(\\d{1,2})日");
  private static final Pattern GREGORIAN_KANJI = Pattern.compile("(\\d{4})年(\\d{1,2})月(\\d{1,2})日");
  private static final Pattern GREGORIAN_SEP = Pattern.compile("(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})");
  private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
  /** First card expiries are in 2016+; 2100 bounds a 10-year card issued far in the future. */
  private static final int MIN_EXPIRY_YEAR = 2016;

  private static final int MAX_EXPIRY_YEAR = 2100;

  private final CardDate birthDate;
  private final int expiryYear;
  private final char[] securityCode;

  private OcrFields(CardDate birthDate, int expiryYear, char[] securityCode) {
    this.birthDate = birthDate;
    this.expiryYear = expiryYear;
    this.securityCode = securityCode;
  }

  /**
   * Validates OCR output.
   *
   * @param birthDate the birth date as read
   * @param expiryYear the card expiry year as read (Gregorian, 4 digits)
   * @param securityCode the security code as read (4 digits; copied)
   * @return the validated fields
   * @throws OcrFieldException naming the first impossible field
   */
  public static OcrFields of(String birthDate, String expiryYear, char[] securityCode) throws OcrFieldException {
    CardDate dob = parseBirthDate(birthDate);
    String y = normalise(expiryYear);
    if (!y.matches("\\d{4}")) {
      throw new OcrFieldException(OcrFieldException.Field.EXPIRY_YEAR, "must be 4 digits");
    }
    int year = Integer.parseInt(y);
    if (year < MIN_EXPIRY_YEAR || year > MAX_EXPIRY_YEAR) {
      throw new OcrFieldException(
          OcrFieldException.Field.EXPIRY_YEAR, "must be between " + MIN_EXPIRY_YEAR + " and " + MAX_EXPIRY_YEAR);
    }
    if (year <= dob.year()) {
      throw new OcrFieldException(OcrFieldException.Field.EXPIRY_YEAR, "is not after the birth year");
    }
    char[] code = new char[securityCode.length];
    int n = 0;
    for (char c : securityCode) {
      char d = c >= '０' && c <= '９' ? (char) ('0' + (c - '０')) : c;
      if (d == ' ' || d == '\u3000') {
        continue;
      }
      if (d < '0' || d > '9') {
        Arrays.fill(code, '\0');
        throw new OcrFieldException(OcrFieldException.Field.SECURITY_CODE, "must be digits only");
      }
      code[n++] = d;
    }
    if (n != 4) {
      Arrays.fill(code, '\0');
      throw new OcrFieldException(OcrFieldException.Field.SECURITY_CODE, "must be exactly 4 digits");
    }
    char[] four = Arrays.copyOf(code, 4);
    Arrays.fill(code, '\0');
    return new OcrFields(dob, year, four);
  }

  /**
   * Parses a birth date as printed on the card or as an app's OCR returns it (forms in the class
   * documentation).
   *
   * @param text the text
   * @return the Gregorian date
   * @throws OcrFieldException if the text is no date, names a day that does not exist, or an era year
   *     outside its era
   */
  static CardDate parseBirthDate(String text) throws OcrFieldException {
    String s = normalise(text);
    Matcher m = ERA.matcher(s);
    if (m.matches()) {
      int eraYear = "元".equals(m.group(2)) ? 1 : Integer.parseInt(m.group(2));
      if (eraYear < 1) {
        throw new OcrFieldException(OcrFieldException.Field.BIRTH_DATE, "era year 0 does not exist");
      }
      int era = JapaneseEras.ofName(m.group(1));
      CardDate d = date(JapaneseEras.firstYear(era) + eraYear - 1, Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
      int actual = JapaneseEras.eraOf(d.year(), d.month(), d.day());
      if (actual < era) {
        throw new OcrFieldException(OcrFieldException.Field.BIRTH_DATE, "date is before the start of its era");
      }
      if (actual > era) {
        throw new OcrFieldException(OcrFieldException.Field.BIRTH_DATE, "date is after the end of its era");
      }
      return checkRange(d);
    }
    for (Pattern p : new Pattern[] {GREGORIAN_KANJI, GREGORIAN_SEP, COMPACT}) {
      m = p.matcher(s);
      if (m.matches()) {
        return checkRange(date(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
      }
    }
    throw new OcrFieldException(OcrFieldException.Field.BIRTH_DATE, "not a date in a known form");
  }

  private static CardDate checkRange(CardDate d) throws OcrFieldException {
    if (d.compareTo(CardDate.of(1873, 1, 1)) < 0) {
      throw new OcrFieldException(OcrFieldException.Field.BIRTH_DATE, "dates before 1873 are not supported");
    }
    return d;
  }

  private static CardDate date(int y, int m, int d) throws OcrFieldException {
    try {
      return CardDate.of(y, m, d);
    } catch (IllegalArgumentException e) {
      throw new OcrFieldException(OcrFieldException.Field.BIRTH_DATE, "day does not exist");
    }
  }

  /** The era names as a regex group, from the one era table. */
  private static String eraNames() {
    StringBuilder names = new StringBuilder("(");
    for (int era = 1; era <= JapaneseEras.LATEST; era++) {
      names.append(era == 1 ? "" : "|").append(JapaneseEras.name(era));
    }
    return names.append(')').toString();
  }

  /** NFKC folds full-width digits and ideographic spaces; whitespace is OCR noise. */
  private static String normalise(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFKC).replaceAll("\\s+", "");
  }

  /**
   * Returns the birth date read.
   *
   * @return the Gregorian date
   */
  public CardDate birthDate() {
    return birthDate;
  }

  /**
   * Returns the expiry year read.
   *
   * @return the Gregorian year
   */
  public int expiryYear() {
    return expiryYear;
  }

  /**
   * Builds 照合番号B from the fields (era birth date, expiry year, security code).
   *
   * @return a new credential; close it after use
   * @throws OcrFieldException if the birth date cannot be written in an era
   */
  public Pin verificationCodeB() throws OcrFieldException {
    try {
      return Pin.verificationCodeB(birthDate, expiryYear, securityCode);
    } catch (IllegalArgumentException e) {
      throw new OcrFieldException(OcrFieldException.Field.BIRTH_DATE, "cannot be written as an era date");
    }
  }

  /** Overwrites the security code. */
  public void clear() {
    Arrays.fill(securityCode, '\0');
  }

  @Override
  public String toString() {
    return "OcrFields[***]";
  }
}
