// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.card.Sex;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BasicFourInfoTest {
  @Test
  void fromCertificate_defaultPersona_readsAllFields() throws Exception {
    Persona p = Personas.get(Personas.DEFAULT);
    BasicFourInfo info = BasicFourInfo.fromCertificate(p.signCertificate().orElseThrow());
    assertThat(info.name()).isEqualTo(p.name());
    assertThat(info.address()).isEqualTo(p.address());
    assertThat(info.dateOfBirth().date()).contains(p.birthDate());
    assertThat(info.sex()).isEqualTo(Sex.FEMALE);
    assertThat(info.nameSubstitutions()).isPresent();
    assertThat(info.hasSubstitutedCharacters()).isFalse();
    assertThat(info.dateOfBirth().ageOn(LocalDate.of(2026, 11, 27))).hasValue(36);
  }

  @Test
  void toString_masksPersonalData() throws Exception {
    Persona p = Personas.get(Personas.DEFAULT);
    BasicFourInfo info = BasicFourInfo.fromCertificate(p.signCertificate().orElseThrow());
    String s = info.toString() + info.dateOfBirth();
    assertThat(s).doesNotContain(p.name()).doesNotContain("試験").doesNotContain("千代田")
        .doesNotContain("1990").doesNotContain("0515").doesNotContain("FEMALE");
  }

  @Test
  void fromCertificate_authenticationCertificate_hasNoPersonalData() throws Exception {
    Persona p = Personas.get(Personas.DEFAULT);
    assertThat(BasicFourInfo.isPresentIn(p.authCertificate())).isFalse();
    assertThatThrownBy(() -> BasicFourInfo.fromCertificate(p.authCertificate()))
        .isInstanceOf(BadInputException.class).hasMessageContaining("missing");
  }

  @Test
  void birthDate_forms() throws Exception {
    BirthDate d = BirthDate.parse("419900102");
    assertThat(d.date()).contains(LocalDate.of(1990, 1, 2));
    BirthDate unknown = BirthDate.parse("400000000"); // unknown date (docs/card-protocol.md §9.3 test value)
    assertThat(unknown.date()).isEmpty();
    assertThat(unknown.year()).isZero();
    BirthDate dayUnknown = BirthDate.parse("319450800");
    assertThat(dayUnknown.year()).isEqualTo(1945);
    assertThat(dayUnknown.month()).isEqualTo(8);
    assertThat(dayUnknown.day()).isZero();
    assertThat(BirthDate.parse("019000101").date()).contains(LocalDate.of(1900, 1, 1)); // era unknown
    assertThat(BirthDate.parse("319890107").date()).contains(LocalDate.of(1989, 1, 7)); // 昭和64年1月7日
    assertThat(BirthDate.parse("419900102")).isEqualTo(BirthDate.parse("019900102")).hasSameHashCodeAs(d);
  }

  @Test
  void birthDate_malformed_isBadInputWithoutValue() {
    for (String bad : new String[] {"", "41990010", "4199001021", "619900102", "41990x102", "419900230", "419901301", "419890107"}) {
      assertThatThrownBy(() -> BirthDate.parse(bad)).as(bad).isInstanceOf(BadInputException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("1990"));
    }
  }
}
