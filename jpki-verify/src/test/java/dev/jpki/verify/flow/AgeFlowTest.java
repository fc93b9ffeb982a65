// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import static dev.jpki.verify.flow.FlowFixtures.TODAY;
import static dev.jpki.verify.flow.FlowFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.apdu.ApplicationNotFoundException;
import dev.jpki.JpkiException;
import dev.jpki.card.MyNumberCard;
import dev.jpki.card.Pin;
import dev.jpki.card.flow.AgeCheck;
import dev.jpki.card.flow.EvidenceKind;
import dev.jpki.card.flow.Evidence;
import dev.jpki.card.flow.OcrFields;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.verify.Age;
import dev.jpki.verify.FailureCode;
import dev.jpki.verify.Status;
import java.time.chrono.JapaneseDate;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every age pattern on every built-in persona: collected on the virtual card, serialised, verified by a
 * separate verifier object from the bytes and the challenge it issued.
 */
class AgeFlowTest {

  static Stream<Arguments> matrix() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (EvidenceKind pattern : List.of(EvidenceKind.AGE_SIGNATURE_CERTIFICATE, EvidenceKind.AGE_CARD_FACE, EvidenceKind.AGE_OCR, EvidenceKind.AGE_DATE_OF_BIRTH_KEY)) {
      for (String persona : Personas.names()) {
        b.add(Arguments.of(pattern, persona));
      }
    }
    return b.build();
  }

  /** What the card side does for a pattern (the holder's credential from the persona). */
  static Evidence collect(MyNumberCard card, Persona holder, EvidenceKind pattern, byte[] challenge) throws Exception {
    // a smartphone token's holder still knows the printed card data (the default persona's)
    Persona p = holder.isSmartphone() && pattern != EvidenceKind.AGE_SIGNATURE_CERTIFICATE
        ? Personas.get(Personas.DEFAULT) : holder;
    switch (pattern) {
      case AGE_SIGNATURE_CERTIFICATE:
        try (Pin pw = Pin.signaturePassword(password(p).toCharArray())) {
          return AgeCheck.collect(card, pw, challenge);
        }
      case AGE_CARD_FACE:
        try (Pin b = Pin.verificationCodeB(p.pinB().toCharArray())) {
          return AgeCheck.collect(card, b, challenge);
        }
      case AGE_OCR:
        OcrFields ocr = OcrFields.of(eraText(p), Integer.toString(p.cardExpiry().getYear()), p.securityCode().toCharArray());
        return AgeCheck.collectOcr(card, ocr, challenge);
      default:
        try (Pin k = Pin.dateOfBirthKey(p.dobKey().toCharArray())) {
          return AgeCheck.collect(card, k, challenge);
        }
    }
  }

  private static String password(Persona p) {
    try {
      return p.signPassword();
    } catch (IllegalStateException e) {
      return "ABC123"; // personas without a signature certificate: the card decides
    }
  }

  /** The birth date as printed on the card, e.g. 平成2年5月15日 (an independent oracle: java.time's chronology). */
  static String eraText(Persona p) {
    JapaneseDate d = JapaneseDate.from(p.birthDate());
    String era = d.getEra().getDisplayName(TextStyle.FULL, Locale.JAPANESE);
    int y = d.get(java.time.temporal.ChronoField.YEAR_OF_ERA);
    return era + (y == 1 ? "元" : Integer.toString(y)) + "年" + p.birthDate().getMonthValue() + "月"
        + p.birthDate().getDayOfMonth() + "日";
  }

  @ParameterizedTest(name = "{0} × {1}")
  @MethodSource("matrix")
  void patternTimesPersona(EvidenceKind pattern, String personaName) throws Exception {
    Persona p = Personas.get(personaName);
    AgeVerifier verifier = FlowFixtures.ageVerifier();
    byte[] challenge = verifier.newChallenge();
    boolean smartphone = p.isSmartphone();
    boolean noSignature = p.signCertificate().isEmpty();

    if (pattern == EvidenceKind.AGE_SIGNATURE_CERTIFICATE && noSignature) {
      // minor (under 15) and face-auth cards carry no usable signature key: the card refuses, typed.
      try (MyNumberCard card = open(p)) {
        assertThatThrownBy(() -> collect(card, p, pattern, challenge)).isInstanceOf(JpkiException.class);
      }
      return;
    }
    if (pattern != EvidenceKind.AGE_SIGNATURE_CERTIFICATE && smartphone) {
      // a smartphone token has only the JPKI AP: no card face, no age record
      try (MyNumberCard card = open(p)) {
        assertThatThrownBy(() -> collect(card, p, pattern, challenge)).isInstanceOf(ApplicationNotFoundException.class);
      }
      return;
    }
    byte[] wire;
    try (MyNumberCard card = open(p)) {
      wire = collect(card, p, pattern, challenge).toBytes();
    }
    AgeResult r = verifier.verify(wire, challenge, pattern, 18);

    int expectedAge = Age.of(p.birthDate(), TODAY);
    if (pattern == EvidenceKind.AGE_SIGNATURE_CERTIFICATE && personaName.equals(Personas.REVOKED)) {
      assertThat(r.status()).isEqualTo(Status.INVALID);
      assertThat(r.hasFailure(FailureCode.REVOKED)).as(r.toString()).isTrue();
      assertThat(r.age()).isEmpty();
      assertThat(r.meetsMinimum()).contains(false);
      assertThat(r.proven()).isEmpty();
      return;
    }
    if (pattern == EvidenceKind.AGE_SIGNATURE_CERTIFICATE && personaName.equals(Personas.EXPIRED)) {
      assertThat(r.status()).isEqualTo(Status.INVALID);
      assertThat(r.hasFailure(FailureCode.EXPIRED)).as(r.toString()).isTrue();
      assertThat(r.age()).isEmpty();
      return;
    }
    assertThat(r.status()).as(r.toString()).isEqualTo(Status.VALID);
    assertThat(r.age()).hasValue(expectedAge);
    assertThat(r.meetsMinimum()).contains(expectedAge >= 18);
    assertThat(r.birthDateExact()).isTrue();
    assertThat(r.proven()).isNotEmpty().anySatisfy(s -> assertThat(s).contains(
        pattern == EvidenceKind.AGE_SIGNATURE_CERTIFICATE ? "signature password" : "live chip"));
    assertThat(r.notProven()).isNotEmpty();
    assertThat(r.toString()).doesNotContain(p.birthDate().toString());
  }
}
