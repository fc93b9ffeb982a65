// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.verify.revocation.RevocationSource;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SignedData's digestAlgorithms SET holds AlgorithmIdentifiers (RFC 5652 §5.1). Found by
 * FuzzProperties (seed -7962885935586432510): with the tag of the set's first element changed (0x30 to 0x32,
 * 0x38, 0x34 or 0x20) or its OID tag changed, the CMS was VALID although it is not a well-formed SignedData
 * and Bouncy Castle refuses to read it. A malformed input must never be VALID.
 */
class CmsDigestAlgorithmsTest {
  private static final Persona P = Personas.get(Personas.DEFAULT);
  private static final X509Certificate CERT = P.signCertificate().orElseThrow();
  private static final byte[] CONTENT = "digest algorithms".getBytes();
  private static final SignatureVerifier SIGNATURES = Fixtures.signatureVerifier(RevocationSource.none());

  private static byte[] cms(boolean signedAttributes) {
    return Cms.sign(CONTENT, P.signKeyPair().orElseThrow().getPrivate(), CERT, true, signedAttributes,
        Date.from(Fixtures.CLOCK.instant().minus(Duration.ofMinutes(1))));
  }

  /** Offset of the digestAlgorithms SET: the first 0x31 after the SignedData version INTEGER 02 01 01. */
  private static int digestAlgorithmsSet(byte[] cms) {
    for (int i = 0; i + 3 < cms.length; i++) {
      if (cms[i] == 0x02 && cms[i + 1] == 0x01 && cms[i + 2] == 0x01 && cms[i + 3] == 0x31) {
        return i + 3;
      }
    }
    throw new AssertionError("no digestAlgorithms set found");
  }

  @Test
  void theUnmodifiedCmsIsValid() {
    assertThat(SIGNATURES.verifyCms(cms(true)).status()).isEqualTo(Status.VALID);
  }

  @ParameterizedTest
  @ValueSource(ints = {0x02, 0x08, 0x04, 0x10})
  void anAlgorithmIdentifierThatIsNotASequenceIsMalformed(int xor) {
    for (boolean signedAttributes : new boolean[] {true, false}) {
      byte[] cms = cms(signedAttributes);
      int set = digestAlgorithmsSet(cms);
      cms[set + 2] ^= (byte) xor; // the AlgorithmIdentifier's SEQUENCE tag
      VerificationResult r = SIGNATURES.verifyCms(cms);
      assertThat(r.status()).as("signed attributes %s, xor %02x", signedAttributes, xor).isEqualTo(Status.INVALID);
      assertThat(r.failures()).extracting(Failure::code).contains(FailureCode.MALFORMED_INPUT);
    }
  }

  @Test
  void anAlgorithmIdentifierWhoseAlgorithmIsNotAnOidIsMalformed() {
    byte[] cms = cms(true);
    int set = digestAlgorithmsSet(cms);
    cms[set + 4] ^= 0x08; // 0x06 OBJECT IDENTIFIER becomes 0x0E
    VerificationResult r = SIGNATURES.verifyCms(cms);
    assertThat(r.status()).isEqualTo(Status.INVALID);
    assertThat(r.failures()).extracting(Failure::code).contains(FailureCode.MALFORMED_INPUT);
  }
}
