// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.pki.TestPki;
import dev.jpki.verify.SignatureVerifier.CmsPath;
import dev.jpki.verify.revocation.RevocationSource;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CMS fast path (a DER SignedData of the common shape, read in place) must give exactly the general
 * path's verdict whenever it answers, and it must answer for what clients usually send.
 */
class CmsFastPathTest {
  private static final Persona P = Personas.get(Personas.DEFAULT);
  private static final X509Certificate CERT = P.signCertificate().orElseThrow();
  private static final PrivateKey KEY = P.signKeyPair().orElseThrow().getPrivate();
  private static final byte[] DOC = "fast path document".getBytes(StandardCharsets.UTF_8);
  private static final Date SIGNING_TIME = Date.from(TestPki.REFERENCE_TIME.minusSeconds(60));
  private final SignatureVerifier verifier = Fixtures.signatureVerifier(RevocationSource.none());

  @Test
  void usualCms_answeredByTheFastPath_valid() {
    byte[] cms = Cms.sign(DOC, KEY, CERT, true, true, SIGNING_TIME);
    VerificationResult fast = verifier.verifyCms(cms, null, List.of(), CmsPath.FAST);
    assertThat(fast).as("the fast path applies to BouncyCastle's usual output").isNotNull();
    assertThat(fast.status()).as(fast.toString()).isEqualTo(Status.VALID);
    assertThat(fast.signingTime()).contains(SIGNING_TIME.toInstant());
    assertThat(fast.certificate()).contains(CERT);
    assertThat(verifier.verifyCms(cms).status()).isEqualTo(Status.VALID);
  }

  @Test
  void detachedCms_answeredByTheFastPath_onlyWithItsContent() {
    byte[] cms = Cms.sign(DOC, KEY, CERT, false, true, SIGNING_TIME);
    VerificationResult fast = verifier.verifyCms(cms, DOC, List.of(), CmsPath.FAST);
    assertThat(fast).isNotNull();
    assertThat(fast.status()).isEqualTo(Status.VALID);
    byte[] other = "other document".getBytes(StandardCharsets.UTF_8);
    assertThat(verifier.verifyCms(cms, other, List.of(), CmsPath.FAST)).as("mismatch: general path decides")
        .isNull();
    assertThat(verifier.verifyCms(cms, other).hasFailure(FailureCode.DIGEST_MISMATCH)).isTrue();
  }

  @Test
  void withoutSignedAttributes_generalPathDecides() {
    byte[] cms = Cms.sign(DOC, KEY, CERT, true, false, SIGNING_TIME);
    assertThat(verifier.verifyCms(cms, null, List.of(), CmsPath.FAST)).isNull();
    assertThat(verifier.verifyCms(cms).hasFailure(FailureCode.CMS_PROFILE)).isTrue();
  }

  /**
   * Every single-byte change anywhere in the structure: whenever the fast path answers, it says what
   * the general path says (same status; same failure codes, except that where BouncyCastle refuses a
   * changed certificate as malformed the fast path names what validating it found). Changed bytes in the signed attributes, the
   * signature, the content or the certificate never make the fast path accept.
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void everySingleByteChange_fastPathAgreesWithTheGeneralPath(boolean attached) {
    byte[] cms = Cms.sign(DOC, KEY, CERT, attached, true, SIGNING_TIME);
    byte[] detached = attached ? null : DOC;
    int answered = 0;
    for (int i = 0; i < cms.length; i++) {
      for (int flip : new int[] {0x01, 0x80}) {
        byte[] m = cms.clone();
        m[i] ^= (byte) flip;
        VerificationResult fast = verifier.verifyCms(m, detached, List.of(), CmsPath.FAST);
        if (fast == null) {
          continue;
        }
        answered++;
        VerificationResult general = Objects.requireNonNull(
            verifier.verifyCms(m, detached, List.of(), CmsPath.GENERAL));
        assertThat(fast.status()).as("byte %d ^ %02X: fast %s, general %s", i, flip, fast, general)
            .isEqualTo(general.status());
        if (!general.hasFailure(FailureCode.MALFORMED_INPUT)) {
          assertThat(codes(fast)).as("byte %d ^ %02X", i, flip).isEqualTo(codes(general));
        }
        // else: a changed certificate byte that BouncyCastle's certificate parser refuses and the JDK's
        // accepts; the fast path then reports what validating that certificate finds (it is INVALID too)
      }
    }
    // the unsigned parts (versions, the digestAlgorithms set, some certificate bytes) still verify
    assertThat(answered).isGreaterThan(0);
  }

  private static List<FailureCode> codes(VerificationResult r) {
    return r.failures().stream().map(Failure::code).sorted().collect(Collectors.toList());
  }
}
