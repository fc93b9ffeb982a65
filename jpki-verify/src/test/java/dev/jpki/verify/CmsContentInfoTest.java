// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.pki.TestPki;
import dev.jpki.verify.revocation.RevocationSource;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The outer ContentInfo of a CMS signature must say SignedData (1.2.840.113549.1.7.2): a structure whose
 * content type says otherwise is not a signature, even when the signed content and the signer are intact
 * (a strict reader refuses it; BouncyCastle's reader ignored the type).
 */
class CmsContentInfoTest {
  private static final Persona P = Personas.get(Personas.DEFAULT);
  private static final X509Certificate CERT = P.signCertificate().orElseThrow();
  private static final PrivateKey KEY = P.signKeyPair().orElseThrow().getPrivate();
  private static final byte[] DOC = "content info document".getBytes(StandardCharsets.UTF_8);
  private static final Date SIGNING_TIME = Date.from(TestPki.REFERENCE_TIME.minusSeconds(60));
  /** OBJECT IDENTIFIER 1.2.840.113549.1.7.2 (signedData), as the outer ContentInfo starts with it. */
  private static final byte[] SIGNED_DATA_OID = {0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7,
      0x0D, 0x01, 0x07, 0x02};

  private final SignatureVerifier verifier = Fixtures.signatureVerifier(RevocationSource.none());

  @ParameterizedTest(name = "attached={0} signedAttributes={1} last OID byte={2}")
  @CsvSource({
    "true, true, 1", "false, true, 1", "true, true, 3", "true, true, 6", "false, true, 4",
  })
  void outerContentTypeOtherThanSignedData_isRefused(boolean attached, boolean signedAttributes, int lastByte) {
    byte[] cms = Cms.sign(DOC, KEY, CERT, attached, signedAttributes, SIGNING_TIME);
    assertThat(verify(cms, attached).status()).as("the genuine signature").isEqualTo(Status.VALID);
    int at = Fixtures.indexOf(cms, SIGNED_DATA_OID);
    assertThat(at).as("outer ContentInfo OID").isBetween(0, 8);
    byte[] mutated = cms.clone();
    mutated[at + SIGNED_DATA_OID.length - 1] = (byte) lastByte; // 7.1 data, 7.3 envelopedData, ...
    VerificationResult r = verify(mutated, attached);
    assertThat(r.status()).as(r.toString()).isEqualTo(Status.INVALID);
    assertThat(r.hasFailure(FailureCode.MALFORMED_INPUT)).as(r.toString()).isTrue();
  }

  private VerificationResult verify(byte[] cms, boolean attached) {
    return attached ? verifier.verifyCms(cms) : verifier.verifyCms(cms, DOC);
  }
}
