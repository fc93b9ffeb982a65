// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.card;

import static dev.jpki.verify.Fixtures.CLOCK;
import static dev.jpki.verify.Fixtures.PKI;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.pki.TextApData;
import dev.jpki.testkit.pki.VisualApData;
import dev.jpki.verify.Caveat;
import dev.jpki.verify.VerificationResult;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 finding 7 (JPKI-2026-007): text-AP data verified as genuine and a liveness answer from another
 * card's text AP key together looked like "this card's data". Results now say the text data is not bound
 * to the chip; the visual AP's results do not carry the caveat.
 */
class TextApBindingTest {
  private static final TextApData ALICE = Personas.get(Personas.DEFAULT).textAp().orElseThrow();
  private static final Persona OTHER = Personas.get(Personas.REVOKED);
  private static final VisualApData VISUAL = Personas.get(Personas.DEFAULT).visualAp().orElseThrow();

  private final CardDataVerifier verifier = CardDataVerifier.builder()
      .issuerKey("6000033/001", PKI.textApCvcCaPublicKey())
      .issuerKey("6000023/001", PKI.visualApCvcCaPublicKey())
      .clock(CLOCK)
      .build();

  @Test
  void copiedTextData_verifiesBesideAnotherCardsKey_soTheResultCarriesTheCaveat() {
    VerificationResult data = verifier.verifyTextAp(ALICE.certificateFile(), ALICE.myNumberFile(),
        ALICE.attributesFile(), ALICE.integrityFile());
    TextApData other = OTHER.textAp().orElseThrow();
    VerificationResult key = verifier.verifyTextApKey(other.certificateFile(), other.signedPublicKeyFile());
    // both VALID: nothing ties Alice's files to the other card's key, which is the card-format property
    assertThat(data.isValid()).as(data.toString()).isTrue();
    assertThat(key.isValid()).as(key.toString()).isTrue();
    assertThat(data.caveats()).containsExactly(Caveat.TEXT_DATA_NOT_BOUND_TO_CHIP);
    assertThat(key.caveats()).containsExactly(Caveat.TEXT_DATA_NOT_BOUND_TO_CHIP);
  }

  @Test
  void visualApCardFace_hasNoCaveat() {
    VerificationResult r = verifier.verifyCardFace(VISUAL.certificateFile(), VISUAL.cardFaceFile());
    assertThat(r.isValid()).as(r.toString()).isTrue();
    assertThat(r.caveats()).isEmpty();
  }
}
