// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import dev.jpki.verify.Age;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The expiry rules of the card and its certificates, as calculators that explain their answer
 * (docs/faq-flows.md):
 *
 * <ul>
 *   <li>card (FAQ Q2-5): the 10th birthday after issue for holders 18 or older on the issue date, the
 *       5th for younger holders;
 *   <li>certificates (FAQ Q3-3): the 5th birthday after issue, whatever the age.
 * </ul>
 *
 * <p>"After issue" counts birthdays strictly after the issue date (a card issued on a birthday does not
 * count that day). A 29 February birthday falls on 28 February in common years. Ages follow
 * 年齢計算ニ関スル法律 ({@link Age}). Immutable.
 */
public final class Validity {
  /** Default "renew soon" window. */
  public static final int DEFAULT_RENEW_SOON_DAYS = 90;

  /** Which rule gave the expiry. */
  public enum Rule {
    /** Card of a holder 18 or older at issue: the 10th birthday after issue. */
    CARD_TENTH_BIRTHDAY,
    /** Card of a holder under 18 at issue: the 5th birthday after issue. */
    CARD_FIFTH_BIRTHDAY,
    /** Signature or authentication certificate: the 5th birthday after issue. */
    CERTIFICATE_FIFTH_BIRTHDAY
  }

  private final Rule rule;
  private final LocalDate issued;
  private final LocalDate expiry;
  private final int ageAtIssue;

  private Validity(Rule rule, LocalDate issued, LocalDate expiry, int ageAtIssue) {
    this.rule = rule;
    this.issued = issued;
    this.expiry = expiry;
    this.ageAtIssue = ageAtIssue;
  }

  /**
   * The card's expiry by FAQ Q2-5.
   *
   * @param birthDate the holder's birth date
   * @param issued the card's issue date
   * @return the rule applied and its date
   * @throws IllegalArgumentException if the card was issued before the birth date
   */
  public static Validity card(LocalDate birthDate, LocalDate issued) {
    int age = Age.of(birthDate, issued);
    boolean adult = age >= 18;
    return new Validity(adult ? Rule.CARD_TENTH_BIRTHDAY : Rule.CARD_FIFTH_BIRTHDAY, issued,
        nthBirthdayAfter(birthDate, issued, adult ? 10 : 5), age);
  }

  /**
   * A certificate's expiry by FAQ Q3-3.
   *
   * @param birthDate the holder's birth date
   * @param issued the certificate's issue date (Japanese calendar day of notBefore)
   * @return the rule applied and its date
   * @throws IllegalArgumentException if the certificate was issued before the birth date
   */
  public static Validity certificate(LocalDate birthDate, LocalDate issued) {
    return new Validity(Rule.CERTIFICATE_FIFTH_BIRTHDAY, issued, nthBirthdayAfter(birthDate, issued, 5),
        Age.of(birthDate, issued));
  }

  /**
   * The {@code n}-th birthday strictly after a date; a 29 February birthday falls on 28 February in
   * common years.
   *
   * @param birthDate the birth date
   * @param after the date counted from (not itself counted)
   * @param n 1 or more
   * @return the birthday
   */
  static LocalDate nthBirthdayAfter(LocalDate birthDate, LocalDate after, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1");
    }
    int year = after.getYear();
    if (!birthdayIn(birthDate, year).isAfter(after)) {
      year++;
    }
    return birthdayIn(birthDate, year + n - 1);
  }

  private static LocalDate birthdayIn(LocalDate birthDate, int year) {
    return birthDate.withYear(year); // withYear clamps 29 February to 28 February in common years
  }

  /**
   * Returns the rule applied.
   *
   * @return the rule
   */
  public Rule rule() {
    return rule;
  }

  /**
   * Returns the expiry date the rule gives.
   *
   * @return the last valid day
   */
  public LocalDate expiry() {
    return expiry;
  }

  /** The holder's age on the issue date, in completed years. */
  int ageAtIssue() {
    return ageAtIssue;
  }

  /**
   * Explains the answer (no birth date in it, only ages and the rule).
   *
   * @return e.g. "card issued 2024-06-01 at age 33 (18 or older): valid until the 10th birthday after
   *     issue, 2034-05-15"
   */
  public String explanation() {
    switch (rule) {
      case CARD_TENTH_BIRTHDAY:
        return "card issued " + issued + " at age " + ageAtIssue + " (18 or older): valid until the 10th birthday"
            + " after issue, " + expiry;
      case CARD_FIFTH_BIRTHDAY:
        return "card issued " + issued + " at age " + ageAtIssue + " (under 18): valid until the 5th birthday"
            + " after issue, " + expiry;
      default:
        return "certificate issued " + issued + ": valid until the 5th birthday after issue, " + expiry
            + " (whatever the age)";
    }
  }

  /**
   * Checks an actual expiry date (on the card or in the certificate) against the rule on a day, and
   * explains the findings.
   *
   * @param actual the expiry date on the card or certificate
   * @param on the day to check for
   * @param renewSoonDays how many days before expiry count as "renew soon" (0 or more)
   * @return sentences: the rule, any break of it ({@code actual} not equal to {@link #expiry()}), expiry or
   *     "renew soon" (the expiry day itself is still valid)
   * @throws IllegalArgumentException if {@code renewSoonDays} is negative
   */
  public List<String> findings(LocalDate actual, LocalDate on, int renewSoonDays) {
    if (renewSoonDays < 0) {
      throw new IllegalArgumentException("renewSoonDays must not be negative");
    }
    Objects.requireNonNull(actual, "actual");
    long daysLeft = ChronoUnit.DAYS.between(Objects.requireNonNull(on, "on"), actual);
    List<String> out = new ArrayList<>();
    out.add(explanation());
    if (!actual.equals(expiry)) {
      out.add("the recorded expiry " + actual + " breaks the rule (expected " + expiry + ")");
    }
    if (daysLeft < 0) {
      out.add("expired on " + actual + " (" + -daysLeft + " days before " + on + ")");
    } else if (daysLeft <= renewSoonDays) {
      out.add("renew soon: " + daysLeft + " days left until " + actual);
    } else {
      out.add(daysLeft + " days left until " + actual);
    }
    return out;
  }

  /** The rule only: the expiry date falls on a birthday, so it tells the birth date's month and day. */
  @Override
  public String toString() {
    return "Validity[" + rule + "]";
  }
}
