// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import static dev.jpki.verify.Fixtures.PKI;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.pki.CardCodes;
import dev.jpki.card.KeyType;
import dev.jpki.testkit.pki.JpkiOids;
import dev.jpki.verify.revocation.RevocationSource;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** Issue 10 finding 10 (JPKI-2026-010), the certificate-profile and date details; each failed before. */
class LowSeverityFindingsTest {
  private final CertificateValidator validator = Fixtures.validator(RevocationSource.none());

  @Test
  void age_ofClock_countsTheDayInJapanWhateverTheClocksZone() throws Exception {
    // 2026-03-31T16:00Z is already 2026-04-01 01:00 in Tokyo, the day a person born 2008-04-02 turns 18
    Clock utc = Clock.fixed(Instant.parse("2026-03-31T16:00:00Z"), ZoneOffset.UTC);
    assertThat(BirthDate.parse("420080402").ageNow(utc)).hasValue(18);
  }

  @Test
  void leafWithBothJpkiPolicies_isRefused() {
    X509Certificate c = PKI.leaf(KeyType.SIGNATURE).policies(JpkiOids.POLICY_TEST_SIGN, JpkiOids.POLICY_TEST_AUTH)
        .build().certificate();
    VerificationResult r = validator.validate(c);
    assertThat(r.hasFailure(FailureCode.POLICY)).as(r.toString()).isTrue();
    X509Certificate reversed = PKI.leaf(KeyType.SIGNATURE)
        .policies(JpkiOids.POLICY_TEST_AUTH, JpkiOids.POLICY_TEST_SIGN).build().certificate();
    assertThat(validator.validate(reversed).hasFailure(FailureCode.POLICY)).isTrue();
  }

  @Test
  void signatureCertificateWhoseEraContradictsTheDateOfBirth_isRefused() throws Exception {
    Persona p = Personas.get(Personas.DEFAULT);
    X509Certificate genuine = p.signCertificate().orElseThrow();
    String dob = CardCodes.sanBirthDate(p.birthDate());
    char otherEra = dob.charAt(0) == '4' ? '5' : '4';
    byte[] san = ASN1OctetString.getInstance(genuine.getExtensionValue(Extension.subjectAlternativeName.getId()))
        .getOctets();
    byte[] needle = dob.getBytes(StandardCharsets.US_ASCII);
    int at = Fixtures.indexOf(san, needle);
    assertThat(at).isNotNegative();
    san[at] = (byte) otherEra;
    X509v3CertificateBuilder b = new X509v3CertificateBuilder(new JcaX509CertificateHolder(genuine));
    b.replaceExtension(Extension.subjectAlternativeName,
        genuine.getCriticalExtensionOIDs().contains(Extension.subjectAlternativeName.getId()), san);
    X509Certificate forged = new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withRSA").build(PKI.rootKeyPair(KeyType.SIGNATURE).getPrivate())));

    assertThat(validator.validate(genuine, KeyType.SIGNATURE).isValid()).isTrue();
    VerificationResult r = validator.validate(forged, KeyType.SIGNATURE);
    CertificateValidatorTest.assertOnly(r, FailureCode.PROFILE, 0);
  }

  @Test
  void leafWhoseExtendedKeyUsageExcludesItsPurpose_isRefused() throws Exception {
    X509Certificate genuine = Personas.get(Personas.DEFAULT).authCertificate();
    X509v3CertificateBuilder b = new X509v3CertificateBuilder(new JcaX509CertificateHolder(genuine));
    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    X509Certificate serverOnly = new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withRSA").build(PKI.rootKeyPair(KeyType.AUTHENTICATION).getPrivate())));
    VerificationResult r = validator.validate(serverOnly, KeyType.AUTHENTICATION);
    CertificateValidatorTest.assertOnly(r, FailureCode.KEY_USAGE, 0);

    X509v3CertificateBuilder ok = new X509v3CertificateBuilder(new JcaX509CertificateHolder(genuine));
    ok.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
    X509Certificate clientAuth = new JcaX509CertificateConverter().getCertificate(
        ok.build(new JcaContentSignerBuilder("SHA256withRSA").build(PKI.rootKeyPair(KeyType.AUTHENTICATION).getPrivate())));
    assertThat(validator.validate(clientAuth, KeyType.AUTHENTICATION).isValid()).isTrue();
  }
}
