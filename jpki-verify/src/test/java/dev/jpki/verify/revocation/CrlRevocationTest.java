// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.revocation;

import static dev.jpki.verify.Fixtures.CLOCK;
import static dev.jpki.verify.Fixtures.PKI;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.testkit.Personas;
import dev.jpki.card.KeyType;
import dev.jpki.testkit.pki.TestPki;
import dev.jpki.verify.Failure;
import dev.jpki.verify.FailureCode;
import dev.jpki.verify.Fixtures;
import dev.jpki.verify.Status;
import dev.jpki.verify.VerificationResult;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CrlRevocationTest {
  private static final Instant NOW = TestPki.REFERENCE_TIME;

  private static CrlIndex index(X509CRL crl) throws Exception {
    return CrlIndex.parse(crl.getEncoded());
  }

  @Test
  void check_revokedPersonaInFreshCrl_isInvalidRevoked() throws Exception {
    RevocationSource src = RevocationSource.crl(index(PKI.crl(KeyType.AUTHENTICATION, NOW)));
    VerificationResult r = Fixtures.validator(src).validate(Personas.get(Personas.REVOKED).authCertificate());
    assertThat(r.status()).isEqualTo(Status.INVALID);
    Failure f = r.failures().get(0);
    assertThat(f.code()).isEqualTo(FailureCode.REVOKED);
    assertThat(f.certificateIndex()).isZero();
    assertThat(f.revocationReason()).contains(RevocationReason.KEY_COMPROMISE);
  }

  @Test
  void check_goodCertificateInFreshCrl_isValid() throws Exception {
    RevocationSource src = RevocationSource.crl(index(PKI.crl(KeyType.SIGNATURE, NOW)));
    VerificationResult r = Fixtures.validator(src)
        .validate(Personas.get(Personas.DEFAULT).signCertificate().orElseThrow(), KeyType.SIGNATURE);
    assertThat(r.status()).as(r.toString()).isEqualTo(Status.VALID);
  }

  @ParameterizedTest
  @EnumSource(value = CRLReason.class, names = {"UNSPECIFIED", "KEY_COMPROMISE", "AFFILIATION_CHANGED",
      "SUPERSEDED", "CESSATION_OF_OPERATION", "CERTIFICATE_HOLD", "PRIVILEGE_WITHDRAWN"})
  void check_eachReason_isReportedAsThatReason(CRLReason reason) throws Exception {
    X509Certificate leaf = PKI.leaf(KeyType.SIGNATURE).serial(BigInteger.valueOf(0x5E00A000L + reason.ordinal()))
        .build().certificate();
    X509CRL crl = PKI.crlBuilder(KeyType.SIGNATURE).fresh(NOW).standardEntries()
        .revoke(leaf, NOW.minus(Duration.ofDays(1)), reason).build();
    VerificationResult r = Fixtures.validator(RevocationSource.crl(index(crl))).validate(leaf);
    assertThat(r.status()).isEqualTo(Status.INVALID);
    assertThat(r.failures()).hasSize(1);
    assertThat(r.failures().get(0).revocationReason()).contains(RevocationReason.ofCode(reason.ordinal()).get());
    if (reason == CRLReason.AFFILIATION_CHANGED) {
      assertThat(r.failures().get(0).message()).contains("name or address change");
    }
  }

  @Test
  void check_staleCrl_isIndeterminate() throws Exception {
    X509CRL stale = PKI.crlBuilder(KeyType.AUTHENTICATION).stale(NOW).standardEntries().build();
    VerificationResult r = Fixtures.validator(RevocationSource.crl(index(stale)))
        .validate(Personas.get(Personas.DEFAULT).authCertificate());
    assertThat(r.status()).isEqualTo(Status.INDETERMINATE);
    assertThat(r.failures()).extracting(Failure::code).containsExactly(FailureCode.REVOCATION_UNAVAILABLE);
    assertThat(r.failures().get(0).message()).contains("stale");
  }

  @Test
  void check_staleCrlListingRevokedCertificate_stillRevoked() throws Exception {
    X509CRL stale = PKI.crlBuilder(KeyType.AUTHENTICATION).stale(NOW).standardEntries().build();
    VerificationResult r = Fixtures.validator(RevocationSource.crl(index(stale)))
        .validate(Personas.get(Personas.REVOKED).authCertificate());
    assertThat(r.hasFailure(FailureCode.REVOKED)).isTrue();
  }

  @Test
  void check_crlSignedByForeignSameDnRoot_isIndeterminate() throws Exception {
    X509CRL foreign = PKI.crlBuilder(KeyType.AUTHENTICATION).fresh(NOW).standardEntries().signedByForeignRoot().build();
    assertThat(foreign.getIssuerX500Principal()).isEqualTo(PKI.authRoot().getSubjectX500Principal());
    VerificationResult r = Fixtures.validator(RevocationSource.crl(index(foreign)))
        .validate(Personas.get(Personas.REVOKED).authCertificate());
    // a badly signed CRL is not evidence either way: not VALID, not REVOKED
    assertThat(r.status()).isEqualTo(Status.INDETERMINATE);
    assertThat(r.failures().get(0).message()).contains("not signed by the certificate's issuer");
  }

  @Test
  void check_crlOfOtherRoot_isIndeterminateNoCrl() throws Exception {
    VerificationResult r = Fixtures.validator(RevocationSource.crl(index(PKI.crl(KeyType.SIGNATURE, NOW))))
        .validate(Personas.get(Personas.DEFAULT).authCertificate());
    assertThat(r.status()).isEqualTo(Status.INDETERMINATE);
  }

  @Test
  void check_unreachableUrl_isIndeterminate() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    RevocationSource src = CrlRevocationSource.builder().url(URI.create("http://127.0.0.1:" + port + "/x.crl"))
        .timeout(Duration.ofSeconds(2)).build();
    VerificationResult r = Fixtures.validator(src).validate(Personas.get(Personas.DEFAULT).authCertificate());
    assertThat(r.status()).isEqualTo(Status.INDETERMINATE);
    assertThat(r.failures()).extracting(Failure::code).containsExactly(FailureCode.REVOCATION_UNAVAILABLE);
  }

  @Test
  void check_missingFile_isIndeterminate(@TempDir Path dir) {
    VerificationResult r = Fixtures.validator(RevocationSource.crlFile(dir.resolve("absent.crl")))
        .validate(Personas.get(Personas.DEFAULT).authCertificate());
    assertThat(r.status()).isEqualTo(Status.INDETERMINATE);
  }

  @Test
  void file_refreshesWhenStale(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("auth.crl");
    Files.write(file, PKI.crlBuilder(KeyType.AUTHENTICATION).stale(NOW).build().getEncoded());
    AtomicReference<Instant> wall = new AtomicReference<>(NOW);
    Clock wallClock = new Clock() {
      @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
      @Override public Clock withZone(java.time.ZoneId z) { return this; }
      @Override public Instant instant() { return wall.get(); }
    };
    CrlRevocationSource src = CrlRevocationSource.builder().file(file).wallClock(wallClock)
        .retryInterval(Duration.ofMinutes(1)).build();
    X509Certificate revoked = Personas.get(Personas.REVOKED).authCertificate();
    X509Certificate root = PKI.authRoot();
    assertThat(src.check(revoked, root, NOW).kind()).isEqualTo(RevocationStatus.Kind.UNAVAILABLE);
    // the operator drops a fresh CRL (PEM this time) in place; after the retry interval it is used
    Files.write(file, TestPkiPem.crl(PKI.crl(KeyType.AUTHENTICATION, NOW)));
    assertThat(src.check(revoked, root, NOW).kind()).isEqualTo(RevocationStatus.Kind.UNAVAILABLE);
    wall.set(NOW.plus(Duration.ofMinutes(2)));
    RevocationStatus s = src.check(revoked, root, NOW);
    assertThat(s.kind()).isEqualTo(RevocationStatus.Kind.REVOKED);
    assertThat(src.loaded()).hasSize(1);
  }

  @Test
  void url_servedByTestServer_isUsed() throws Exception {
    try (dev.jpki.testkit.pki.TestOcspServer server = dev.jpki.testkit.pki.TestOcspServer.start(PKI,
        dev.jpki.testkit.pki.TestOcspResponder.builder(PKI).build(), 0, CLOCK)) {
      RevocationSource src = CrlRevocationSource.builder().url(server.crlUri(KeyType.AUTHENTICATION)).build();
      VerificationResult r = Fixtures.validator(src).validate(Personas.get(Personas.REVOKED).authCertificate());
      assertThat(r.hasFailure(FailureCode.REVOKED)).as(r.toString()).isTrue();
      VerificationResult ok = Fixtures.validator(src).validate(Personas.get(Personas.DEFAULT).authCertificate());
      assertThat(ok.isValid()).as(ok.toString()).isTrue();
    }
  }

  @Test
  void issuingDistributionPoint_partitionOfOtherMunicipality_doesNotVouch() throws Exception {
    X509Certificate cert = Personas.get(Personas.DEFAULT).authCertificate();
    org.bouncycastle.asn1.x509.DistributionPoint own = org.bouncycastle.asn1.x509.CRLDistPoint.getInstance(
        org.bouncycastle.asn1.ASN1OctetString.getInstance(cert.getExtensionValue("2.5.29.31")).getOctets())
        .getDistributionPoints()[0];
    org.bouncycastle.asn1.x509.DistributionPointName other = new org.bouncycastle.asn1.x509.DistributionPointName(
        new org.bouncycastle.asn1.x509.GeneralNames(new org.bouncycastle.asn1.x509.GeneralName(
            new org.bouncycastle.asn1.x500.X500Name("C=JP, O=JPKI, OU=CRL Distribution Points, CN=Other-shi"))));
    RevocationStatus ownPartition = RevocationSource.crl(CrlIndex.parse(crlWithIdp(own.getDistributionPoint())))
        .check(cert, PKI.authRoot(), NOW);
    assertThat(ownPartition.kind()).as(ownPartition.toString()).isEqualTo(RevocationStatus.Kind.GOOD);
    RevocationStatus otherPartition = RevocationSource.crl(CrlIndex.parse(crlWithIdp(other)))
        .check(cert, PKI.authRoot(), NOW);
    assertThat(otherPartition.kind()).isEqualTo(RevocationStatus.Kind.UNAVAILABLE);
    assertThat(otherPartition.detail()).contains("does not cover");
  }

  private static byte[] crlWithIdp(org.bouncycastle.asn1.x509.DistributionPointName dp) throws Exception {
    org.bouncycastle.cert.X509v2CRLBuilder b = new org.bouncycastle.cert.X509v2CRLBuilder(
        org.bouncycastle.asn1.x500.X500Name.getInstance(PKI.authRoot().getSubjectX500Principal().getEncoded()),
        java.util.Date.from(NOW.minusSeconds(60)));
    b.setNextUpdate(java.util.Date.from(NOW.plusSeconds(3600)));
    b.addExtension(org.bouncycastle.asn1.x509.Extension.issuingDistributionPoint, true,
        new org.bouncycastle.asn1.x509.IssuingDistributionPoint(dp, false, false));
    return CrlIndexTest.sign(b, PKI.rootKeyPair(KeyType.AUTHENTICATION));
  }

  @Test
  void sharedValidator_concurrentChecks_giveConsistentResults(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("auth.crl");
    Files.write(file, PKI.crl(KeyType.AUTHENTICATION, NOW).getEncoded());
    dev.jpki.verify.CertificateValidator v = Fixtures.validator(RevocationSource.crlFile(file));
    X509Certificate good = Personas.get(Personas.DEFAULT).authCertificate();
    X509Certificate revoked = Personas.get(Personas.REVOKED).authCertificate();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      java.util.List<java.util.concurrent.Future<Status>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 400; i++) {
        X509Certificate c = i % 2 == 0 ? good : revoked;
        results.add(pool.submit(() -> v.validate(c).status()));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get()).isEqualTo(i % 2 == 0 ? Status.VALID : Status.INVALID);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void firstOf_unavailableThenGood_isGood() throws Exception {
    RevocationSource dead = (c, i, at) -> RevocationStatus.unavailable("dead", "down");
    RevocationSource src = RevocationSource.firstOf(dead, RevocationSource.crl(index(PKI.crl(KeyType.AUTHENTICATION, NOW))));
    assertThat(Fixtures.validator(src).validate(Personas.get(Personas.DEFAULT).authCertificate()).isValid()).isTrue();
  }

  @Test
  void throwingSource_isIndeterminateNotValid() {
    RevocationSource boom = (c, i, at) -> {
      throw new IllegalStateException("boom");
    };
    VerificationResult r = Fixtures.validator(boom).validate(Personas.get(Personas.DEFAULT).authCertificate());
    assertThat(r.status()).isEqualTo(Status.INDETERMINATE);
  }

  /** PEM encoding of a CRL. */
  static final class TestPkiPem {
    static byte[] crl(X509CRL crl) throws Exception {
      String b64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(crl.getEncoded());
      return ("-----BEGIN X509 CRL-----\n" + b64 + "\n-----END X509 CRL-----\n").getBytes();
    }
  }
}
