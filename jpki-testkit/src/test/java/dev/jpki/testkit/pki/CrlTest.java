// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.card.KeyType;
import java.math.BigInteger;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CrlTest {
  private static final TestPki PKI = TestPki.get();
  private static final Instant AT = TestPki.REFERENCE_TIME;

  @Test
  void crl_fresh_standardEntriesWithReasonsSignedByRoot() throws Exception {
    X509CRL crl = PKI.crl(KeyType.SIGNATURE, AT);
    crl.verify(PKI.signRoot().getPublicKey());
    assertThat(crl.getIssuerX500Principal()).isEqualTo(PKI.signRoot().getSubjectX500Principal());
    assertThat(crl.getThisUpdate().toInstant()).isEqualTo(AT.minus(Duration.ofHours(1)));
    assertThat(crl.getNextUpdate().toInstant()).isEqualTo(AT.plus(Duration.ofHours(23)));
    Map<BigInteger, X509CRLEntry> entries =
        crl.getRevokedCertificates().stream()
            .collect(Collectors.toMap(X509CRLEntry::getSerialNumber, e -> e));
    assertThat(entries).hasSize(7);
    X509CRLEntry persona = entries.get(TestPki.builtInPersonaSerial(KeyType.SIGNATURE, 4));
    assertThat(persona.getRevocationReason()).isEqualTo(CRLReason.KEY_COMPROMISE);
    assertThat(persona.getRevocationDate().toInstant()).isEqualTo(Instant.parse("2025-04-01T01:00:00Z"));
    assertThat(entries.values().stream().map(X509CRLEntry::getRevocationReason))
        .contains(
            CRLReason.AFFILIATION_CHANGED,
            CRLReason.SUPERSEDED,
            CRLReason.KEY_COMPROMISE,
            CRLReason.CESSATION_OF_OPERATION,
            CRLReason.CERTIFICATE_HOLD,
            null); // the entry without a reasonCode extension
    assertThat(crl.getExtensionValue(org.bouncycastle.asn1.x509.Extension.cRLNumber.getId())).isNotNull();
    assertThat(crl.getExtensionValue(org.bouncycastle.asn1.x509.Extension.authorityKeyIdentifier.getId()))
        .isNotNull();
  }

  @Test
  void crl_auth_noAffiliationChanged() {
    X509CRL crl = PKI.crl(KeyType.AUTHENTICATION, AT);
    assertThat(crl.getRevokedCertificates()).hasSize(6);
    assertThat(crl.getRevokedCertificates().stream().map(X509CRLEntry::getRevocationReason))
        .doesNotContain(CRLReason.AFFILIATION_CHANGED);
    assertThat(crl.getRevokedCertificate(TestPki.builtInPersonaSerial(KeyType.AUTHENTICATION, 4))).isNotNull();
  }

  @Test
  void crl_stale_nextUpdateBeforeAt() {
    X509CRL crl = PKI.crlBuilder(KeyType.AUTHENTICATION).stale(AT).build();
    assertThat(crl.getNextUpdate().toInstant()).isBefore(AT);
    assertThat(crl.getThisUpdate().toInstant()).isEqualTo(AT.minus(Duration.ofDays(3)));
  }

  @Test
  void crl_signedByForeignRoot_sameIssuerButFailsVerification() throws Exception {
    X509CRL crl = PKI.crlBuilder(KeyType.SIGNATURE).standardEntries().signedByForeignRoot().build();
    assertThat(crl.getIssuerX500Principal()).isEqualTo(PKI.signRoot().getSubjectX500Principal());
    assertThatThrownBy(() -> crl.verify(PKI.signRoot().getPublicKey()))
        .isInstanceOf(java.security.SignatureException.class);
    crl.verify(PKI.foreignRoot(KeyType.SIGNATURE).getPublicKey());
  }

  @Test
  void crlBuilder_customEntryAndNumber() {
    X509CRL crl =
        PKI.crlBuilder(KeyType.SIGNATURE)
            .revoke(BigInteger.valueOf(42), Instant.parse("2025-01-02T03:04:05.678Z"), CRLReason.SUPERSEDED)
            .crlNumber(BigInteger.valueOf(77))
            .updates(Instant.parse("2026-01-01T00:00:00Z"), null)
            .build();
    X509CRLEntry e = crl.getRevokedCertificate(BigInteger.valueOf(42));
    assertThat(e.getRevocationReason()).isEqualTo(CRLReason.SUPERSEDED);
    assertThat(e.getRevocationDate().toInstant()).isEqualTo(Instant.parse("2025-01-02T03:04:05Z"));
    assertThat(crl.getNextUpdate()).isNull();
    assertThat(crl.getRevokedCertificates()).hasSize(1);
  }

  @Test
  void revocation_invalidInput_rejected() {
    assertThatThrownBy(() -> new CrlEntry(BigInteger.ZERO, AT, CRLReason.SUPERSEDED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CrlEntry(BigInteger.ONE, AT, CRLReason.UNUSED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new CrlEntry(BigInteger.ONE, AT, CRLReason.AA_COMPROMISE).reasonCode()).isEqualTo(10);
    assertThat(new CrlEntry(BigInteger.ONE, AT, CRLReason.CERTIFICATE_HOLD).reasonCode()).isEqualTo(6);
  }
}
