// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.card.KeyType;
import dev.jpki.verify.internal.RevocationAdvice;
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
    assertThat(minor.cardExpiry()).isEqualTo(v.expiry());
    assertThat(v.findings(minor.cardExpiry(), FlowFixtures.TODAY, 90)).noneMatch(s -> s.contains("breaks the rule"));
    assertThat(v.toString()).doesNotContain("08-20");
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
    assertThat(v.findings(LocalDate.of(2029, 8, 20), LocalDate.of(2026, 11, 27), 90))
        .anyMatch(s -> s.contains("breaks the rule (expected 2029-05-15)"))
        .anyMatch(s -> s.equals("997 days left until 2029-08-20"));

    assertThat(v.findings(v.expiry(), LocalDate.of(2029, 3, 1), Validity.DEFAULT_RENEW_SOON_DAYS))
        .noneMatch(s -> s.contains("breaks the rule"))
        .contains("renew soon: 75 days left until 2029-05-15");
    assertThat(v.findings(v.expiry(), LocalDate.of(2029, 3, 1), 30)).contains("75 days left until 2029-05-15");

    assertThat(v.findings(v.expiry(), v.expiry(), 90)).contains("renew soon: 0 days left until 2029-05-15");
    assertThat(v.findings(v.expiry(), v.expiry().plusDays(1), 90))
        .contains("expired on 2029-05-15 (1 days before 2029-05-16)");
    assertThatThrownBy(() -> v.findings(v.expiry(), v.expiry(), -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void signatureCertificateLapseOnNameOrAddressChangeSaysWhatToDo() {
    String s = RevocationAdvice.explain(KeyType.SIGNATURE, RevocationReason.AFFILIATION_CHANGED);
    assertThat(s).contains("name or address changed").contains("new one issued");
    assertThat(RevocationAdvice.explain(KeyType.AUTHENTICATION, RevocationReason.SUPERSEDED)).contains("renewed");
  }
}
