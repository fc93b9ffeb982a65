// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import static dev.jpki.verify.Fixtures.CLOCK;
import static dev.jpki.verify.Fixtures.PKI;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.card.KeyType;
import dev.jpki.testkit.pki.IssuedCertificate;
import dev.jpki.verify.internal.X509Ext;
import dev.jpki.verify.revocation.RevocationSource;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 finding 2 (JPKI-2026-002): an untrusted certificate list (CMS certificates, {@code verifyRaw(..,
 * chain)}, {@code CertificateValidator.validate(.., chain, ..)}) must not buy unbounded RSA work. Before the
 * fix every CA-looking candidate was tried with a full signature check, whatever its key size, exponent or
 * key identifier. The work is measured by counting signature checks on the leaf, never by wall-clock time.
 */
class UntrustedChainBoundsTest {
  private static final KeyPair SIGNER = PKI.foreignRootKeyPair(KeyType.SIGNATURE);
  private static final IssuedCertificate FOREIGN = PKI.leaf(KeyType.SIGNATURE).issuedByForeignRoot().build();
  private static final byte[] DOC = "doc".getBytes(StandardCharsets.UTF_8);

  private final CertificateValidator validator = Fixtures.validator(RevocationSource.none());
  private final SignatureVerifier verifier = Fixtures.signatureVerifier(RevocationSource.none());

  /** A CA certificate with the given public key and (optional) subjectKeyIdentifier, signed by a junk key. */
  static X509Certificate junkCa(int serial, PublicKey key, byte[] ski) {
    try {
      X500Name dn = new X500Name("C=JP, O=JPKI, OU=junk " + serial);
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(dn, BigInteger.valueOf(serial),
          Date.from(CLOCK.instant().minusSeconds(86_400)), Date.from(CLOCK.instant().plusSeconds(86_400)),
          dn, key);
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      if (ski != null) {
        b.addExtension(Extension.subjectKeyIdentifier, false, new DEROctetString(ski));
      }
      ContentSigner s = new JcaContentSignerBuilder("SHA256withRSA").build(SIGNER.getPrivate());
      return new JcaX509CertificateConverter().getCertificate(b.build(s));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Junk CAs whose key identifier copies the leaf's authorityKeyIdentifier (an attacker can do that). */
  static List<X509Certificate> junk(int n, X509Certificate leaf) {
    byte[] aki = X509Ext.authorityKeyIdentifier(leaf);
    assertThat(aki).isNotNull();
    PublicKey other = PKI.signRoot().getPublicKey();
    List<X509Certificate> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(junkCa(1000 + i, other, aki));
    }
    return out;
  }

  @Test
  void validate_manyJunkCandidates_triesAtMostTheLimit() {
    CountingCertificate leaf = new CountingCertificate(FOREIGN.certificate());
    VerificationResult r = validator.validate(leaf, junk(100, leaf), KeyType.SIGNATURE);
    assertThat(r.hasFailure(FailureCode.UNTRUSTED_ISSUER) || r.hasFailure(FailureCode.BAD_CERTIFICATE_SIGNATURE))
        .as(r.toString()).isTrue();
    assertThat(leaf.verifications()).isLessThanOrEqualTo(VerificationLimits.defaults().maxUntrustedCandidates());
  }

  @Test
  void validate_limitIsConfigurable() {
    CertificateValidator none = validator.newBuilder()
        .limits(VerificationLimits.builder().maxUntrustedCandidates(0).build()).build();
    CountingCertificate leaf = new CountingCertificate(FOREIGN.certificate());
    none.validate(leaf, junk(10, leaf), KeyType.SIGNATURE);
    assertThat(leaf.verifications()).isZero();
  }

  @Test
  void validate_candidatesWithoutMatchingKeyIdentifier_areNeverTried() {
    CountingCertificate leaf = new CountingCertificate(FOREIGN.certificate());
    PublicKey key = FOREIGN.certificate().getPublicKey();
    List<X509Certificate> chain = List.of(junkCa(1, key, null), junkCa(2, key, new byte[] {1, 2, 3}));
    VerificationResult r = validator.validate(leaf, chain, KeyType.SIGNATURE);
    assertThat(r.status()).isEqualTo(Status.INVALID);
    assertThat(leaf.verifications()).isZero();
  }

  @Test
  void validate_hugeKeyOrExponentCandidate_isRefusedBeforeAnyRsaOperation() throws Exception {
    CountingCertificate leaf = new CountingCertificate(FOREIGN.certificate());
    byte[] aki = X509Ext.authorityKeyIdentifier(leaf);
    Random rnd = new Random(1);
    BigInteger n16k = new BigInteger(16_384, rnd).setBit(16_383).setBit(0);
    BigInteger n2k = new BigInteger(2048, rnd).setBit(2047).setBit(0);
    KeyFactory kf = KeyFactory.getInstance("RSA");
    PublicKey huge = kf.generatePublic(new RSAPublicKeySpec(n16k, BigInteger.valueOf(65_537)));
    PublicKey bigExponent = kf.generatePublic(new RSAPublicKeySpec(n2k, BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE)));
    List<X509Certificate> chain = List.of(junkCa(1, huge, aki), junkCa(2, bigExponent, aki));
    VerificationResult r = validator.validate(leaf, chain, KeyType.SIGNATURE);
    assertThat(r.status()).isEqualTo(Status.INVALID);
    assertThat(leaf.verifications()).isZero();
  }

  @Test
  void verifyRaw_manyJunkChainCertificates_triesAtMostTheLimit() {
    CountingCertificate leaf = new CountingCertificate(FOREIGN.certificate());
    byte[] sig = Fixtures.cardSign(FOREIGN.keyPair().getPrivate(), DOC);
    VerificationResult r = verifier.verifyRaw(sig, DOC, leaf, junk(100, leaf));
    assertThat(r.status()).isEqualTo(Status.INVALID);
    assertThat(leaf.verifications()).isLessThanOrEqualTo(VerificationLimits.defaults().maxUntrustedCandidates());
  }

  @Test
  void verifyRaw_signerWithHugeKey_isWeakAlgorithmWithoutTryingTheSignature() throws Exception {
    BigInteger n16k = new BigInteger(16_384, new Random(2)).setBit(16_383).setBit(0);
    PublicKey huge = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n16k, BigInteger.valueOf(65_537)));
    X509Certificate leaf = junkCa(7, huge, null);
    VerificationResult r = verifier.verifyRaw(new byte[2048], DOC, leaf);
    assertThat(r.hasFailure(FailureCode.WEAK_ALGORITHM)).as(r.toString()).isTrue();
    // the RSA operation never ran: a garbage signature would otherwise be reported as BAD_SIGNATURE
    assertThat(r.hasFailure(FailureCode.BAD_SIGNATURE)).as(r.toString()).isFalse();
  }

  @Test
  void verifyCms_withHundredsOfCertificates_isRefusedBeforePathBuilding() throws Exception {
    X509Certificate leaf = FOREIGN.certificate();
    List<X509Certificate> certs = new ArrayList<>(junk(100, leaf));
    certs.add(leaf);
    CMSSignedDataGenerator g = new CMSSignedDataGenerator();
    g.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
        .build(new JcaContentSignerBuilder("SHA256withRSA").build(FOREIGN.keyPair().getPrivate()), leaf));
    g.addCertificates(new JcaCertStore(certs));
    byte[] cms = g.generate(new CMSProcessableByteArray(DOC), true).getEncoded();
    VerificationResult r = verifier.verifyCms(cms);
    assertThat(r.failures()).as(r.toString()).extracting(Failure::code).containsOnly(FailureCode.CMS_PROFILE);
    assertThat(r.failures().get(0).message()).contains("certificates");
  }

  @Test
  void defaultCmsSizeLimit_isLowered() {
    assertThat(VerificationLimits.defaults().maxCmsBytes()).isLessThanOrEqualTo(8 * 1024 * 1024);
    byte[] big = new byte[VerificationLimits.defaults().maxCmsBytes() + 1];
    big[0] = 0x30;
    VerificationResult r = verifier.verifyCms(big);
    CertificateValidatorTest.assertOnly(r, FailureCode.MALFORMED_INPUT, -1);
    assertThat(r.failures().get(0).message()).contains("exceeds the limit");
  }
}
