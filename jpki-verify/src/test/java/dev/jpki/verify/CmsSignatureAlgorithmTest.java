// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.verify.revocation.RevocationSource;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.List;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 finding 1 (JPKI-2026-001): the SignerInfo's signatureAlgorithm must use the hash named by its
 * digestAlgorithm. Before the fix only the digest algorithm was checked, so a CMS whose signed attributes
 * were signed with MD5withRSA or SHA1withRSA (collision-prone) verified as VALID.
 */
class CmsSignatureAlgorithmTest {
  private static final Persona P = Personas.get(Personas.DEFAULT);
  private static final X509Certificate CERT = P.signCertificate().orElseThrow();
  private static final PrivateKey KEY = P.signKeyPair().orElseThrow().getPrivate();
  private static final byte[] DOC = "申請書".getBytes(StandardCharsets.UTF_8);
  private static final AlgorithmIdentifier SHA256 =
      new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE);

  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  private final SignatureVerifier verifier = SignatureVerifier.builder(Fixtures.validator(RevocationSource.none())).build();

  /** A CMS whose digestAlgorithm is {@code digest} and whose signatureAlgorithm is what {@code signer} names. */
  static byte[] cms(JcaContentSignerBuilder signer, AlgorithmIdentifier digest) {
    try {
      // the identity finder keeps the signer's algorithm identifier as signatureAlgorithm (BouncyCastle would
      // otherwise write rsaEncryption), and setContentDigest decouples the digest algorithm from it
      JcaSignerInfoGeneratorBuilder sib = new JcaSignerInfoGeneratorBuilder(
          new JcaDigestCalculatorProviderBuilder().build(), alg -> alg).setContentDigest(digest);
      CMSSignedDataGenerator g = new CMSSignedDataGenerator();
      g.addSignerInfoGenerator(sib.build(signer.build(KEY), CERT));
      g.addCertificates(new JcaCertStore(List.of(CERT)));
      return g.generate(new CMSProcessableByteArray(DOC), true).getEncoded();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void md5WithRsaOverSha256Digest_isWeakAlgorithm() {
    VerificationResult r = verifier.verifyCms(cms(new JcaContentSignerBuilder("MD5withRSA"), SHA256));
    CertificateValidatorTest.assertOnly(r, FailureCode.WEAK_ALGORITHM, -1);
  }

  @Test
  void sha1WithRsaOverSha256Digest_isWeakAlgorithm() {
    VerificationResult r = verifier.verifyCms(cms(new JcaContentSignerBuilder("SHA1withRSA"), SHA256));
    CertificateValidatorTest.assertOnly(r, FailureCode.WEAK_ALGORITHM, -1);
  }

  @Test
  void sha512WithRsaOverSha256Digest_isWeakAlgorithm() {
    VerificationResult r = verifier.verifyCms(cms(new JcaContentSignerBuilder("SHA512withRSA"), SHA256));
    CertificateValidatorTest.assertOnly(r, FailureCode.WEAK_ALGORITHM, -1);
  }

  @Test
  void sha1DigestAndSha1WithRsa_isWeakAlgorithm() {
    AlgorithmIdentifier sha1 = new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1, DERNull.INSTANCE);
    VerificationResult r = verifier.verifyCms(cms(new JcaContentSignerBuilder("SHA1withRSA"), sha1));
    CertificateValidatorTest.assertOnly(r, FailureCode.WEAK_ALGORITHM, -1);
  }

  @Test
  void sha256WithRsaOverSha256Digest_isValid() {
    VerificationResult r = verifier.verifyCms(cms(new JcaContentSignerBuilder("SHA256withRSA"), SHA256));
    assertThat(r.status()).as(r.toString()).isEqualTo(Status.VALID);
  }

  /** RSASSA-PSS is accepted only with hash = MGF1 hash = digest algorithm, salt = hash length, trailer 1. */
  @Test
  void pssWithZeroSalt_isWeakAlgorithm() {
    PSSParameterSpec spec = new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 0, 1);
    VerificationResult r = verifier.verifyCms(cms(new JcaContentSignerBuilder("SHA256withRSAandMGF1", spec).setProvider(BC), SHA256));
    CertificateValidatorTest.assertOnly(r, FailureCode.WEAK_ALGORITHM, -1);
  }
}
