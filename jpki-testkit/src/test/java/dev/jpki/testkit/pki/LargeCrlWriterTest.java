// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.card.KeyType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class LargeCrlWriterTest {
  private static final TestPki PKI = TestPki.get();

  private static X509CRL parse(byte[] der) throws Exception {
    return (X509CRL)
        CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
  }

  @Test
  void writeTo_smallCrl_parsesWithEntriesReasonsAndStandardExtras() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long n = PKI.largeCrl(KeyType.SIGNATURE).entries(13).standardEntries().writeTo(out);
    byte[] der = out.toByteArray();
    assertThat(n).isEqualTo(der.length);
    X509CRL crl = parse(der);
    crl.verify(PKI.signRoot().getPublicKey());
    assertThat(crl.getRevokedCertificates()).hasSize(13 + 7);
    for (int i = 0; i < 13; i++) {
      X509CRLEntry e = crl.getRevokedCertificate(LargeCrlWriter.serialAt(i));
      assertThat(e).as("entry %d", i).isNotNull();
      CRLReason expected = LargeCrlWriter.reasonAt(i);
      assertThat(e.getRevocationReason())
          .isEqualTo(expected == CRLReason.UNSPECIFIED ? null : expected);
    }
    assertThat(crl.getRevokedCertificate(TestPki.builtInPersonaSerial(KeyType.SIGNATURE, 4)).getRevocationReason())
        .isEqualTo(CRLReason.KEY_COMPROMISE);
    assertThat(crl.getThisUpdate().toInstant()).isEqualTo(TestPki.REFERENCE_TIME.minus(Duration.ofHours(1)));
  }

  @Test
  void writeTo_noEntries_omitsRevokedCertificates() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PKI.largeCrl(KeyType.AUTHENTICATION).writeTo(out);
    X509CRL crl = parse(out.toByteArray());
    crl.verify(PKI.authRoot().getPublicKey());
    assertThat(crl.getRevokedCertificates()).isNull();
  }

  @Test
  void writeTo_foreignSigner_failsAgainstRoot() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PKI.largeCrl(KeyType.AUTHENTICATION).entries(3).reasons(false).signedByForeignRoot().writeTo(out);
    X509CRL crl = parse(out.toByteArray());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> crl.verify(PKI.authRoot().getPublicKey()))
        .isInstanceOf(java.security.SignatureException.class);
    assertThat(crl.getRevokedCertificate(LargeCrlWriter.serialAt(2)).getRevocationReason()).isNull();
  }

  @Test
  @Timeout(60)
  void writeTo_200kEntries_fastAndParseable() throws Exception {
    long entries = 200_000;
    ByteArrayOutputStream out = new ByteArrayOutputStream(10_000_000);
    long t0 = System.nanoTime();
    long size = PKI.largeCrl(KeyType.SIGNATURE).entries(entries).fresh(Instant.parse("2026-11-27T00:00:00Z")).writeTo(out);
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    // Every generated entry is 27 bytes (no reason) or 41 bytes (reason): 1/6 without a reason.
    long without = (entries + 5) / 6;
    long expectedEntries = without * 27 + (entries - without) * 41;
    assertThat(size).isBetween(expectedEntries, expectedEntries + 1200);
    assertThat(took).isLessThan(Duration.ofSeconds(20));
    X509CRL crl = parse(out.toByteArray());
    crl.verify(PKI.signRoot().getPublicKey());
    assertThat(crl.getRevokedCertificates()).hasSize((int) entries);
    assertThat(crl.getRevokedCertificate(LargeCrlWriter.serialAt(entries - 1))).isNotNull();
    assertThat(crl.getRevokedCertificate(LargeCrlWriter.serialAt(entries))).isNull();
    assertThat(crl.getRevokedCertificate(BigInteger.valueOf(LargeCrlWriter.FIRST_GENERATED_SERIAL + 123_457))
            .getRevocationReason())
        .isEqualTo(LargeCrlWriter.reasonAt(123_457));
  }
}
