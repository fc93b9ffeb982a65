// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import static dev.jpki.verify.Fixtures.CLOCK;
import static dev.jpki.verify.Fixtures.PKI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.card.KeyType;
import dev.jpki.testkit.pki.JpkiOids;
import dev.jpki.verify.revocation.RevocationSource;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

class CertificateValidatorTest {
  private final CertificateValidator validator = Fixtures.validator(RevocationSource.none());

  @Test
  void validate_defaultPersonaSignatureCertificate_isValidAndTyped() {
    X509Certificate sign = Personas.get(Personas.DEFAULT).signCertificate().orElseThrow();
    VerificationResult r = validator.validate(sign, KeyType.SIGNATURE);
    assertThat(r.status()).as(r.toString()).isEqualTo(Status.VALID);
    assertThat(r.certificateType()).contains(KeyType.SIGNATURE);
    assertThat(r.path()).containsExactly(sign, PKI.signRoot());
    assertThat(r.verificationTime()).isEqualTo(CLOCK.instant());
  }

  @Test
  void validate_authenticationCertificate_isValid() {
    X509Certificate auth = Personas.get(Personas.DEFAULT).authCertificate();
    VerificationResult r = validator.validate(auth, KeyType.AUTHENTICATION);
    assertThat(r.isValid()).as(r.toString()).isTrue();
    assertThat(r.certificateType()).contains(KeyType.AUTHENTICATION);
  }

  @Test
  void validate_wrongExpectedType_isInvalidProfile() {
    X509Certificate auth = Personas.get(Personas.DEFAULT).authCertificate();
    VerificationResult r = validator.validate(auth, KeyType.SIGNATURE);
    assertThat(r.status()).isEqualTo(Status.INVALID);
    assertThat(r.hasFailure(FailureCode.PROFILE)).isTrue();
  }

  @Test
  void validate_expired_isInvalidExpired() {
    X509Certificate c = PKI.leaf(KeyType.SIGNATURE).expired().build().certificate();
    assertOnly(validator.validate(c), FailureCode.EXPIRED, 0);
  }

  @Test
  void validate_expiredPersona_isInvalidExpired() {
    Persona p = Personas.get(Personas.EXPIRED);
    assertThat(validator.validate(p.authCertificate()).hasFailure(FailureCode.EXPIRED)).isTrue();
  }

  @Test
  void validate_notYetValid_isInvalidNotYetValid() {
    X509Certificate c = PKI.leaf(KeyType.AUTHENTICATION).notYetValid().build().certificate();
    assertOnly(validator.validate(c), FailureCode.NOT_YET_VALID, 0);
  }

  @Test
  void validate_authCertificateWithNonRepudiation_isInvalidKeyUsage() {
    X509Certificate c = PKI.leaf(KeyType.AUTHENTICATION)
        .keyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation).build().certificate();
    assertThat(validator.validate(c).hasFailure(FailureCode.KEY_USAGE)).isTrue();
    assertThat(validator.validate(c).status()).isEqualTo(Status.INVALID);
  }

  @Test
  void validate_signCertificateWithoutNonRepudiation_isInvalidKeyUsage() {
    X509Certificate c = PKI.leaf(KeyType.SIGNATURE).keyUsage(KeyUsage.digitalSignature).build().certificate();
    assertOnly(validator.validate(c, KeyType.SIGNATURE), FailureCode.KEY_USAGE, 0);
  }

  @Test
  void validate_keyCertSignOnLeaf_isInvalidKeyUsage() {
    X509Certificate c = PKI.leaf(KeyType.AUTHENTICATION).keyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign)
        .build().certificate();
    assertOnly(validator.validate(c), FailureCode.KEY_USAGE, 0);
  }

  @Test
  void validate_wrongPolicy_isInvalidPolicy() {
    X509Certificate c = PKI.leaf(KeyType.SIGNATURE).policies("1.2.3.4").build().certificate();
    assertOnly(validator.validate(c), FailureCode.POLICY, 0);
  }

  @Test
  void validate_productionPolicyWithTestProfile_isInvalidPolicy() {
    X509Certificate c = PKI.leaf(KeyType.SIGNATURE).policies(JpkiOids.POLICY_SIGN).build().certificate();
    assertThat(validator.validate(c).hasFailure(FailureCode.POLICY)).isTrue();
  }

  @Test
  void profile_acceptTestHierarchy_acceptsTestAndProductionPolicies() {
    CertificateValidator both = CertificateValidator.builder().trustAnchors(Fixtures.anchors())
        .revocation(RevocationSource.none()).clock(CLOCK).acceptTestHierarchy()
        .build();
    assertThat(both.validate(Personas.get(Personas.DEFAULT).authCertificate()).isValid()).isTrue();
    X509Certificate prodPolicy = PKI.leaf(KeyType.SIGNATURE).policies(JpkiOids.POLICY_SIGN).build().certificate();
    assertThat(both.validate(prodPolicy).isValid()).isTrue();
    CertificateValidator prodOnly = CertificateValidator.builder().trustAnchors(Fixtures.anchors())
        .revocation(RevocationSource.none()).clock(CLOCK).build();
    assertThat(prodOnly.validate(Personas.get(Personas.DEFAULT).authCertificate()).hasFailure(FailureCode.POLICY))
        .isTrue();
  }

  @Test
  void validate_badSignature_isInvalidBadCertificateSignature() {
    X509Certificate c = PKI.leaf(KeyType.SIGNATURE).corruptSignature().build().certificate();
    assertOnly(validator.validate(c), FailureCode.BAD_CERTIFICATE_SIGNATURE, 0);
  }

  @Test
  void validate_foreignCaWithSameDn_isInvalidAndNeverChainsByName() {
    X509Certificate c = PKI.leaf(KeyType.SIGNATURE).issuedByForeignRoot().build().certificate();
    assertThat(c.getIssuerX500Principal()).isEqualTo(PKI.signRoot().getSubjectX500Principal());
    VerificationResult r = validator.validate(c);
    assertThat(r.status()).isEqualTo(Status.INVALID);
    assertThat(r.failures()).extracting(Failure::code)
        .containsAnyOf(FailureCode.UNTRUSTED_ISSUER, FailureCode.BAD_CERTIFICATE_SIGNATURE);
    assertThat(r.path()).containsExactly(c);
  }

  @Test
  void validate_foreignRootSuppliedAsChain_doesNotBecomeAnchor() {
    X509Certificate c = PKI.leaf(KeyType.SIGNATURE).issuedByForeignRoot().build().certificate();
    VerificationResult r = validator.validate(c, List.of(PKI.foreignRoot(KeyType.SIGNATURE)), null);
    assertThat(r.status()).isEqualTo(Status.INVALID);
    assertThat(r.hasFailure(FailureCode.UNTRUSTED_ISSUER)).isTrue();
  }

  @Test
  void validate_productionAnchorsOnly_testLeafIsUntrusted() {
    CertificateValidator prod = CertificateValidator.builder().trustAnchors(TrustAnchors.production())
        .revocation(RevocationSource.none()).clock(CLOCK).build();
    VerificationResult r = prod.validate(Personas.get(Personas.DEFAULT).authCertificate());
    assertThat(r.hasFailure(FailureCode.UNTRUSTED_ISSUER)).isTrue();
  }

  @Test
  void validate_signLeafChainedToRootTypedForAuthentication_isProfileFailure() {
    TrustAnchors mistyped = TrustAnchors.builder().add(PKI.signRoot(), KeyType.AUTHENTICATION).build();
    CertificateValidator v = CertificateValidator.builder().trustAnchors(mistyped).revocation(RevocationSource.none())
        .clock(CLOCK).policies(KeyType.SIGNATURE, JpkiOids.POLICY_TEST_SIGN).policies(KeyType.AUTHENTICATION, JpkiOids.POLICY_TEST_AUTH).build();
    VerificationResult r = v.validate(Personas.get(Personas.DEFAULT).signCertificate().orElseThrow());
    assertOnly(r, FailureCode.PROFILE, 0);
  }

  @Test
  void validate_linkCertificateAsIntermediate_chainsNewKeyToTrustedOldRoot() throws Exception {
    // a J-LIS-style link certificate: the other (same-DN) root key, certified by the trusted root key
    java.security.KeyPair oldRoot = PKI.rootKeyPair(KeyType.SIGNATURE);
    X509Certificate newRoot = PKI.foreignRoot(KeyType.SIGNATURE);
    org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils ext = new org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils();
    org.bouncycastle.cert.X509v3CertificateBuilder b = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
        PKI.signRoot(), java.math.BigInteger.valueOf(0x11AA), PKI.signRoot().getNotBefore(),
        PKI.signRoot().getNotAfter(), newRoot.getSubjectX500Principal(), newRoot.getPublicKey());
    b.addExtension(org.bouncycastle.asn1.x509.Extension.basicConstraints, true,
        new org.bouncycastle.asn1.x509.BasicConstraints(0));
    b.addExtension(org.bouncycastle.asn1.x509.Extension.keyUsage, true,
        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    b.addExtension(org.bouncycastle.asn1.x509.Extension.subjectKeyIdentifier, false,
        ext.createSubjectKeyIdentifier(newRoot.getPublicKey()));
    b.addExtension(org.bouncycastle.asn1.x509.Extension.authorityKeyIdentifier, false,
        ext.createAuthorityKeyIdentifier(PKI.signRoot()));
    X509Certificate link = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(
        b.build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA")
            .build(oldRoot.getPrivate())));
    X509Certificate leaf = PKI.leaf(KeyType.SIGNATURE).issuedByForeignRoot().build().certificate();

    TrustAnchors withLink = TrustAnchors.builder().add(PKI.signRoot(), KeyType.SIGNATURE)
        .addIntermediate(link).build();
    CertificateValidator v = CertificateValidator.builder().trustAnchors(withLink).revocation(RevocationSource.none())
        .clock(CLOCK).policies(KeyType.SIGNATURE, JpkiOids.POLICY_TEST_SIGN).policies(KeyType.AUTHENTICATION, JpkiOids.POLICY_TEST_AUTH).build();
    VerificationResult r = v.validate(leaf);
    assertThat(r.status()).as(r.toString()).isEqualTo(Status.VALID);
    assertThat(r.path()).containsExactly(leaf, link, PKI.signRoot());
    // without the link certificate the same leaf does not chain
    assertThat(validator.validate(leaf).isValid()).isFalse();
  }

  @Test
  void validate_garbageBytes_isInvalidMalformed() {
    VerificationResult r = validator.validate(new byte[] {0x30, (byte) 0x84, 0x7F, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, 1, 2}, Collections.emptyList(), null);
    assertOnly(r, FailureCode.MALFORMED_INPUT, -1);
  }

  @Test
  void validate_pemInput_isParsed() throws Exception {
    byte[] pem = dev.jpki.testkit.pki.TestPki.pem(Personas.get(Personas.DEFAULT).authCertificate());
    assertThat(validator.validate(pem, Collections.emptyList(), KeyType.AUTHENTICATION).isValid()).isTrue();
  }

  @Test
  void requireValid_invalid_throwsWithResult() {
    X509Certificate c = PKI.leaf(KeyType.SIGNATURE).expired().build().certificate();
    VerificationResult r = validator.validate(c);
    assertThatThrownBy(r::requireValid).isInstanceOf(VerificationException.class)
        .satisfies(e -> assertThat(((VerificationException) e).result()).isSameAs(r));
  }

  @Test
  void builder_withoutRevocation_throws() {
    assertThatThrownBy(() -> CertificateValidator.builder().trustAnchors(Fixtures.anchors()).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("RevocationSource.none()");
    assertThatThrownBy(() -> CertificateValidator.builder().revocation(RevocationSource.none()).build())
        .isInstanceOf(IllegalStateException.class);
  }

  static void assertOnly(VerificationResult r, FailureCode code, int index) {
    assertThat(r.failures()).as(r.toString()).extracting(Failure::code).containsOnly(code);
    assertThat(r.failures()).extracting(Failure::certificateIndex).containsOnly(index);
    assertThat(r.status()).isEqualTo(code.severity());
  }
}
