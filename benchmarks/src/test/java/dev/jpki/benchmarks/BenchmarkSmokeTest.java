// SPDX-License-Identifier: Apache-2.0
package dev.jpki.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.testkit.Persona;
import dev.jpki.testkit.pki.LargeCrlWriter;
import dev.jpki.verify.Status;
import dev.jpki.verify.revocation.RevocationReason;
import java.security.Signature;
import java.security.cert.CRLReason;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Runs every benchmark method once as plain Java (no JMH, no timing) to prove it executes and computes
 * the right answer, so a broken fixture or API change fails the build instead of producing numbers
 * for the wrong thing.
 */
class BenchmarkSmokeTest {
  private static final Blackhole BH = new Blackhole(
      "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

  @Test
  void crlBenchmark_revokedAndAbsentSerial_allThreeAgree() throws Exception {
    CrlBenchmark.Crl crl = new CrlBenchmark.Crl();
    crl.entries = 1202; // middle entry 601 carries a reason code
    crl.generate();
    CrlBenchmark.Ours ours = new CrlBenchmark.Ours();
    ours.load(crl);
    CrlBenchmark.Jdk jdk = new CrlBenchmark.Jdk();
    jdk.load(crl);
    CrlBenchmark.Bc bc = new CrlBenchmark.Bc();
    bc.load(crl);
    CrlBenchmark b = new CrlBenchmark();

    assertThat(b.loadOurs(crl, BH).size()).isEqualTo(1202);
    assertThat(b.loadJdk(crl, BH).getRevokedCertificates()).hasSize(1202);
    assertThat(b.loadBc(crl, BH).getRevokedCertificates()).hasSize(1202);

    CRLReason expected = LargeCrlWriter.reasonAt(601);
    assertThat(expected).isNotEqualTo(CRLReason.UNSPECIFIED);
    assertThat(b.lookupRevokedOurs(crl, ours)).contains(RevocationReason.ofCode(expected.ordinal()).orElseThrow());
    X509CRLEntry jdkEntry = b.lookupRevokedJdk(crl, jdk);
    assertThat(jdkEntry).isNotNull();
    assertThat(jdkEntry.getRevocationReason()).isEqualTo(expected);
    X509CRLEntryHolder bcEntry = b.lookupRevokedBc(crl, bc);
    assertThat(bcEntry).isNotNull();
    assertThat(bcEntry.getSerialNumber()).isEqualTo(crl.revoked);

    assertThat(b.lookupRevokedOursBytes(crl, ours)).isEqualTo(expected.ordinal());
    assertThat(b.lookupAbsentOursBytes(crl, ours)).isEqualTo(dev.jpki.verify.revocation.CrlIndex.NOT_REVOKED);
    assertThat(b.lookupAbsentOurs(crl, ours)).isEmpty();
    assertThat(b.lookupAbsentJdk(crl, jdk)).isNull();
    assertThat(b.lookupAbsentBc(crl, bc)).isNull();
  }

  @Test
  void crlBenchmark_absentSerial_hasTheLengthOfListedSerials() throws Exception {
    CrlBenchmark.Crl crl = new CrlBenchmark.Crl();
    crl.entries = 10;
    crl.generate();
    // same encoded length, so our lookup searches the same bucket instead of finding it empty
    assertThat(crl.absent.toByteArray()).hasSameSizeAs(crl.revoked.toByteArray());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void certificateValidationBenchmark_everyMethod_acceptsThePersonaCertificate(boolean fresh) throws Exception {
    CertificateValidationBenchmark b = new CertificateValidationBenchmark();
    b.fresh = fresh;
    b.setUp();
    assertThat(b.ours().status()).isEqualTo(Status.VALID);
    assertThat(b.oursWithCrl().status()).isEqualTo(Status.VALID);
    assertThat(((PKIXCertPathValidatorResult) b.jdkPkix()).getTrustAnchor().getTrustedCert())
        .isEqualTo(Fixtures.PKI.signRoot());
    assertThat(((PKIXCertPathValidatorResult) b.jdkPkixWithCrl()).getTrustAnchor().getTrustedCert())
        .isEqualTo(Fixtures.PKI.signRoot());
    assertThat(((PKIXCertPathValidatorResult) b.bcPkix()).getTrustAnchor().getTrustedCert())
        .isEqualTo(Fixtures.PKI.signRoot());
  }

  @Test
  void certificateValidationBenchmark_fresh_givesANewEqualObjectPerCall() throws Exception {
    CertificateValidationBenchmark b = new CertificateValidationBenchmark();
    b.fresh = true;
    b.setUp();
    X509Certificate first = b.leaf();
    assertThat(first).isEqualTo(b.leaf).isNotSameAs(b.leaf).isNotSameAs(b.leaf());
  }

  @Test
  void crlBenchmark_jdkLoad_parsesANewObjectPerCall() throws Exception {
    CrlBenchmark.Crl crl = new CrlBenchmark.Crl();
    crl.entries = 10;
    crl.generate();
    // CertificateFactory would return its cached object; the benchmark must parse every time
    assertThat(CrlBenchmark.loadJdk(crl)).isEqualTo(CrlBenchmark.loadJdk(crl)).isNotSameAs(CrlBenchmark.loadJdk(crl));
  }

  @Test
  void signatureVerificationBenchmark_everyMethod_acceptsTheSignature() throws Exception {
    SignatureVerificationBenchmark b = new SignatureVerificationBenchmark();
    b.setUp();
    assertThat(b.oursRaw().status()).isEqualTo(Status.VALID);
    assertThat(b.oursPrimitive()).isTrue();
    assertThat(b.jdkRaw()).isTrue();
    assertThat(b.jdkRawPlusPkix()).isNotNull();
    assertThat(b.oursCms().status()).isEqualTo(Status.VALID);
    assertThat(b.bcCms()).isTrue();
    assertThat(b.bcCmsPlusPkix()).isNotNull();
  }

  @Test
  void signatureVerificationBenchmark_tamperedData_everyMethodRejects() throws Exception {
    SignatureVerificationBenchmark b = new SignatureVerificationBenchmark();
    b.setUp();
    b.data[0] ^= 1;
    b.cms = SignatureVerificationBenchmark.cms(new byte[] {1, 2, 3}, Fixtures.persona().authKeyPair().getPrivate(),
        b.signer); // signed with the wrong key for this certificate
    assertThat(b.oursRaw().status()).isEqualTo(Status.INVALID);
    assertThat(b.oursPrimitive()).isFalse();
    assertThat(b.jdkRaw()).isFalse();
    assertThat(b.oursCms().status()).isEqualTo(Status.INVALID);
    assertThat(b.bcCms()).isFalse();
  }

  @Test
  void cardFlowBenchmark_everyMethod_returnsTheCardsAnswer() throws Exception {
    CardFlowBenchmark b = new CardFlowBenchmark();
    b.setUp();
    Persona p = Fixtures.persona();
    assertThat(b.readAuthCertificateSdk()).isEqualTo(p.authCertificate());
    assertThat(b.readAuthCertificateReplayAndParse()).isEqualTo(p.authCertificate());
    byte[] raw = b.readAuthCertificateReplay();
    assertThat(raw[raw.length - 2] & 0xFF).isEqualTo(0x90);

    Signature v = Signature.getInstance("NONEwithRSA");
    v.initVerify(p.authKeyPair().getPublic());
    v.update(b.digestInfo);
    assertThat(v.verify(b.verifyPinAndSignSdk())).isTrue();
    assertThat(CardFlowBenchmark.strip(b.verifyPinAndSignReplay())).isEqualTo(b.verifyPinAndSignSdk());
    assertThat(b.jdkRsaSign()).isEqualTo(b.verifyPinAndSignSdk());
  }

  @Test
  void cardFlowBenchmark_recordedCommands_matchTheApduCounts() throws Exception {
    CardFlowBenchmark b = new CardFlowBenchmark();
    b.setUp();
    long readCert = ApduCounts.count(ApduCounts.flows().get("read auth certificate"), CardFlowBenchmark.CAPABILITIES,
        dev.jpki.testkit.transport.LatencyModel.none())[0];
    long sign = ApduCounts.count(ApduCounts.flows().get("verify PIN + sign (auth key)"),
        CardFlowBenchmark.CAPABILITIES, dev.jpki.testkit.transport.LatencyModel.none())[0];
    assertThat(b.readCertificateCommands).hasSize((int) readCert);
    assertThat(b.verifyAndSignCommands).hasSize((int) sign);
    // SELECT AP, SELECT EF, one extended READ BINARY; counter query, VERIFY, SELECT key EF, SIGN after SELECT AP
    assertThat(readCert).isEqualTo(3);
    assertThat(sign).isEqualTo(6);
  }

  @Test
  void loginBenchmark_everyMethod_verifiesOrParses() throws Exception {
    LoginBenchmark b = new LoginBenchmark();
    b.setUp(3);
    assertThat(b.oursSeen().isValid()).isTrue();
    for (int i = 0; i < 4; i++) {
      assertThat(b.oursNew().isValid()).isTrue();
      assertThat(b.parseAndTwoRawVerifies()).isTrue();
      assertThat(b.parseOursNew().getSerialNumber()).isNotEqualTo(b.cert.getSerialNumber());
    }
    assertThat(b.rawVerify()).isTrue();
    assertThat(b.parseOurs()).isEqualTo(b.cert);
    assertThat(b.parseJdk()).isEqualTo(b.cert);
    assertThat(b.parseBc().getEncoded()).isEqualTo(b.certDer);
  }

  @Test
  void faqFlows_runOnTheVirtualCard_andTheBoundIsBelowTheFlow() throws Exception {
    java.util.List<Report.Line> lines = FaqFlowCounts.lines();
    assertThat(lines).hasSize(FaqFlowCounts.flows().size() * 6);
    assertThat(lines).extracting(Report.Line::name).contains("faq-face-to-face-prove-apdus",
        "faq-face-to-face-prove-card-ms");
    for (Report.Line l : lines) {
      assertThat(l.ours()).as(l.name()).isPositive();
      assertThat(l.baseline()).as(l.name()).isPositive().isLessThanOrEqualTo(l.ours());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"AUTHORIZED_RESPONDER", "CA"})
  void ocspBenchmark_everyMethod_acceptsTheResponse_throughTheCannedClient(String signer) throws Exception {
    OcspBenchmark b = new OcspBenchmark();
    b.signer = signer;
    b.setUp();
    long before = b.http.requests;
    assertThat(b.ours().kind()).isEqualTo(dev.jpki.verify.revocation.RevocationStatus.Kind.GOOD);
    assertThat(b.ours().kind()).isEqualTo(dev.jpki.verify.revocation.RevocationStatus.Kind.GOOD);
    // the cache is off: every check fetches (in memory) and checks the response again
    assertThat(b.http.requests - before).isEqualTo(2);
    assertThat(b.bc()).isTrue();
    assertThat(b.raw()).isTrue();
    // the delegated responder's certificate is in the response and verified by the raw baseline too
    assertThat(b.responderTbs != null).isEqualTo(signer.equals("AUTHORIZED_RESPONDER"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"AUTHORIZED_RESPONDER", "CA"})
  void ocspBenchmark_tamperedResponseSignature_rejectedByOursAndTheBaselines(String signer) throws Exception {
    OcspBenchmark b = new OcspBenchmark();
    b.signer = signer;
    b.setUp();
    byte[] sig = ((org.bouncycastle.cert.ocsp.BasicOCSPResp) new org.bouncycastle.cert.ocsp.OCSPResp(b.response)
        .getResponseObject()).getSignature();
    int at = indexOf(b.response, sig);
    assertThat(at).isPositive();
    byte[] tampered = b.response.clone();
    tampered[at + sig.length / 2] ^= 0x01;
    b.setResponse(tampered);
    dev.jpki.verify.revocation.RevocationStatus s = b.ours();
    assertThat(s.kind()).isEqualTo(dev.jpki.verify.revocation.RevocationStatus.Kind.UNAVAILABLE);
    assertThat(s.detail()).contains("not signed by the issuer");
    assertThat(b.bc()).isFalse();
    assertThat(b.raw()).isFalse();
  }

  @Test
  void ocspBenchmark_staleAtTheCheckTime_rejectedByOursAndBc() throws Exception {
    OcspBenchmark b = new OcspBenchmark();
    b.setUp();
    b.at = b.at.plus(java.time.Duration.ofDays(2)); // past nextUpdate (24 h) and the 5-minute skew
    assertThat(b.ours().kind()).isEqualTo(dev.jpki.verify.revocation.RevocationStatus.Kind.UNAVAILABLE);
    assertThat(b.bc()).isFalse();
  }

  @Test
  void sizingLines_coverEveryFlowOnBothModels_andProveReadsTheCertificateInFewerApdusThanShort() throws Exception {
    java.util.List<Report.Line> lines = FaqFlowCounts.sizingLines();
    // auth certificate + the FAQ flows, two reader models, PROVE (default strategy, header first) and
    // EXTENDED each against SHORT
    assertThat(lines).hasSize((FaqFlowCounts.flows().size() + 1) * 2 * 3);
    Report.Line prove = lines.stream().filter(l -> l.name().equals("sizing-auth-certificate-nfc-prove-vs-short"))
        .findFirst().orElseThrow();
    // SHORT reads a ~1.2 KB certificate in 256-byte chunks; PROVE reads its header, then the rest at once
    assertThat(prove.note()).matches("APDUs \\d+ vs \\d+");
    String[] apdus = prove.note().substring("APDUs ".length()).split(" vs ");
    assertThat(Integer.parseInt(apdus[0])).isLessThan(Integer.parseInt(apdus[1]));
    for (Report.Line l : lines) {
      assertThat(l.ours()).as(l.name()).isPositive();
      assertThat(l.baseline()).as(l.name()).isPositive();
    }
  }

  /**
   * The PC/SC round trip through the machine's pcscd and vpcd slot 0. Runs only where the caller holds the
   * machine-wide pcscd lock: in CI ({@code JPKI_REQUIRE_PCSC=true}, which also makes a missing pcscd a
   * failure) or with {@code -Djpki.benchmarks.pcsc=true} under {@code flock /tmp/jpki-fullbuild.lock};
   * elsewhere a narrow build of this module must not touch the shared reader, so it is skipped with that reason.
   */
  @Test
  void pcscRoundTrip_throughPcscd_cardAndEchoGiveTheCardsAnswer() throws Exception {
    boolean required = "true".equalsIgnoreCase(System.getenv("JPKI_REQUIRE_PCSC"));
    org.junit.jupiter.api.Assumptions.assumeTrue(required || Boolean.getBoolean("jpki.benchmarks.pcsc"),
        "the pcscd round trip runs under the machine-wide lock only: JPKI_REQUIRE_PCSC=true (CI) or "
            + "-Djpki.benchmarks.pcsc=true under flock /tmp/jpki-fullbuild.lock");
    String[] why = {""};
    javax.smartcardio.CardTerminal reader = PcscRoundTrip.reader(why);
    if (reader == null) {
      assertThat(required).as("JPKI_REQUIRE_PCSC=true but %s", why[0]).isFalse();
      org.junit.jupiter.api.Assumptions.abort(why[0]);
    }
    java.util.List<PcscRoundTrip.Result> results = PcscRoundTrip.run(reader, PcscRoundTrip.Sizes.of("smoke"));
    assertThat(results).extracting(PcscRoundTrip.Result::name).isEqualTo(PcscRoundTrip.NAMES);
    // SELECT answers 9000 alone; READ BINARY the certificate's first 256 bytes (measure() also checked that
    // the echo returned exactly these bytes in every timed block)
    assertThat(results.get(0).answer()).containsExactly(0x90, 0x00);
    byte[] read = results.get(1).answer();
    assertThat(read).hasSize(258);
    assertThat(java.util.Arrays.copyOf(read, 256))
        .isEqualTo(java.util.Arrays.copyOf(Fixtures.persona().authCertificate().getEncoded(), 256));
    for (PcscRoundTrip.Result r : results) {
      assertThat(r.cardMicros()).as(r.name()).isPositive();
      assertThat(r.echoMicros()).as(r.name()).isPositive();
    }
  }

  @Test
  void pcscRoundTrip_echo_answersTheGivenBytesWithoutLookingAtTheCommand() {
    PcscRoundTrip.Switch sw = new PcscRoundTrip.Switch(Fixtures.persona().newCard());
    byte[] card = sw.process(PcscRoundTrip.SELECT_JPKI);
    assertThat(card).containsExactly(0x90, 0x00);
    sw.echo.reply = new byte[] {1, 2, (byte) 0x90, 0};
    sw.useEcho = true;
    assertThat(sw.process(PcscRoundTrip.READ_256)).containsExactly(1, 2, 0x90, 0);
    assertThat(sw.process(new byte[] {0, 0, 0, 0})).containsExactly(1, 2, 0x90, 0);
    assertThat(sw.atr()).isEqualTo(sw.card.atr());
    assertThat(PcscRoundTrip.median(new double[] {5, 1, 3})).isEqualTo(3);
    assertThat(PcscRoundTrip.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
