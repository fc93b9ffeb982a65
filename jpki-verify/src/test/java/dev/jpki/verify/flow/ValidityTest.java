// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.card.KeyType;
import dev.jpki.verify.revocation.RevocationReason;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ValidityTest {

  @Test
  void adultCardRunsToTheTenthBirthdayAfterIssue() {
    Validity v = Validity.card(LocalDate.of(1990, 5, 15), LocalDate.of(2024, 6, 1));
    assertThat(v.rule()).isEqualTo(Validity.Rule.CARD_TENTH_BIRTHDAY);
    assertThat(v.expiry()).isEqualTo(LocalDate.of(2034, 5, 15));
    assertThat(v.ageAtIssue()).isEqualTo(34);
    assertThat(v.explanation()).contains("10th birthday").contains("2034-05-15").doesNotContain("1990");
  }

  @Test
  void minorCardRunsToTheFifthBirthdayStrictlyAfterIssue() {
    Validity v = Validity.card(LocalDate.of(2010, 8, 20), LocalDate.of(2024, 6, 1));
    assertThat(v.rule()).isEqualTo(Validity.Rule.CARD_FIFTH_BIRTHDAY);
    assertThat(v.expiry()).isEqualTo(LocalDate.of(2028, 8, 20));
    Persona minor = Personas.get(Personas.MINOR);
    assertThat(v.check(minor.cardExpiry(), FlowFixtures.TODAY, 90).followsRule()).isTrue();
  }

  @Test
  void issueDateJustBeforeAndOnAndAfterABirthday() {
    LocalDate dob = LocalDate.of(1990, 6, 1);
    assertThat(Validity.card(dob, LocalDate.of(2024, 5, 31)).expiry()).isEqualTo(LocalDate.of(2033, 6, 1));
    // issued on the birthday: that day is not "after issue"
    assertThat(Validity.card(dob, LocalDate.of(2024, 6, 1)).expiry()).isEqualTo(LocalDate.of(2034, 6, 1));
    assertThat(Validity.card(dob, LocalDate.of(2024, 6, 2)).expiry()).isEqualTo(LocalDate.of(2034, 6, 1));
    assertThat(Validity.certificate(dob, LocalDate.of(2024, 5, 31)).expiry()).isEqualTo(LocalDate.of(2028, 6, 1));
    assertThat(Validity.certificate(dob, LocalDate.of(2024, 6, 1)).expiry()).isEqualTo(LocalDate.of(2029, 6, 1));
  }

  @Test
  void eighteenthBirthdayDecidesTheCardRule() {
    LocalDate dob = LocalDate.of(2006, 6, 1);
    // 年齢計算ニ関スル法律: 18 is reached at the end of 2024-05-31
    assertThat(Validity.card(dob, LocalDate.of(2024, 5, 30)).rule()).isEqualTo(Validity.Rule.CARD_FIFTH_BIRTHDAY);
    assertThat(Validity.card(dob, LocalDate.of(2024, 6, 1)).rule()).isEqualTo(Validity.Rule.CARD_TENTH_BIRTHDAY);
  }

  @Test
  void leapDayBirthdaysFallOn28FebruaryInCommonYears() {
    LocalDate dob = LocalDate.of(2000, 2, 29);
    assertThat(Validity.certificate(dob, LocalDate.of(2024, 6, 1)).expiry()).isEqualTo(LocalDate.of(2029, 2, 28));
    assertThat(Validity.card(dob, LocalDate.of(2024, 6, 1)).expiry()).isEqualTo(LocalDate.of(2034, 2, 28));
    // issued on 28 February of a common year: that day is the birthday, so it does not count
    assertThat(Validity.certificate(dob, LocalDate.of(2023, 2, 28)).expiry()).isEqualTo(LocalDate.of(2028, 2, 29));
    // issued on 29 February: counting starts the next year
    assertThat(Validity.certificate(dob, LocalDate.of(2024, 2, 29)).expiry()).isEqualTo(LocalDate.of(2029, 2, 28));
    assertThat(Validity.certificate(dob, LocalDate.of(2024, 2, 28)).expiry()).isEqualTo(LocalDate.of(2028, 2, 29));
  }

  @Test
  void checksFlagBrokenDatesExpiryAndRenewSoon() {
    Validity v = Validity.certificate(LocalDate.of(1990, 5, 15), LocalDate.of(2024, 6, 1));
    Validity.Check wrong = v.check(LocalDate.of(2029, 8, 20), LocalDate.of(2026, 11, 27), 90);
    assertThat(wrong.followsRule()).isFalse();
    assertThat(wrong.findings()).anyMatch(s -> s.contains("breaks the rule"));

    Validity.Check soon = v.check(v.expiry(), LocalDate.of(2029, 3, 1), Validity.DEFAULT_RENEW_SOON_DAYS);
    assertThat(soon.renewSoon()).isTrue();
    assertThat(soon.expired()).isFalse();
    assertThat(soon.daysLeft()).isEqualTo(75);
    assertThat(v.check(v.expiry(), LocalDate.of(2029, 3, 1), 30).renewSoon()).isFalse();

    Validity.Check lastDay = v.check(v.expiry(), v.expiry(), 90);
    assertThat(lastDay.expired()).isFalse();
    Validity.Check after = v.check(v.expiry(), v.expiry().plusDays(1), 90);
    assertThat(after.expired()).isTrue();
    assertThat(after.renewSoon()).isFalse();
  }

  @Test
  void signatureCertificateLapseOnNameOrAddressChangeSaysWhatToDo() {
    String s = RevocationAdvice.explain(KeyType.SIGNATURE, RevocationReason.AFFILIATION_CHANGED);
    assertThat(s).contains("name or address changed").contains("new one issued");
    assertThat(RevocationAdvice.explain(KeyType.AUTHENTICATION, RevocationReason.SUPERSEDED)).contains("renewed");
  }
}
