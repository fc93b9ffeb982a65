// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import dev.jpki.testkit.pki.JpkiOids;
import static dev.jpki.verify.Fixtures.cardSign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.card.KeyType;
import dev.jpki.internal.LoginMessage;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.pki.TestPki;
import dev.jpki.verify.revocation.RevocationSource;
import java.math.BigInteger;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LoginVerifierTest {
  private static final String ORIGIN = "https://login.example.jp";
  private static final Persona P = Personas.get(Personas.DEFAULT);
  private final AtomicReference<Instant> now = new AtomicReference<>(TestPki.REFERENCE_TIME);
  private final Clock clock = new Clock() {
    @Override public ZoneId getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(ZoneId zone) { return this; }
    @Override public Instant instant() { return now.get(); }
  };
  private final LoginVerifier login = builder().build();

  private LoginVerifier.Builder builder() {
    return LoginVerifier.builder(validator()).origin(ORIGIN).challengeTtl(Duration.ofMinutes(2));
  }

  /** The test roots and profile, no revocation, on this test's movable clock. */
  private CertificateValidator validator() {
    return CertificateValidator.builder().trustAnchors(Fixtures.anchors()).revocation(RevocationSource.none())
        .clock(clock).policies(KeyType.SIGNATURE, JpkiOids.POLICY_TEST_SIGN).policies(KeyType.AUTHENTICATION, JpkiOids.POLICY_TEST_AUTH).build();
  }

  /** What the holder's software does: sign the labelled message for the origin it connected to. */
  private static byte[] holderSigns(PrivateKey key, String origin, byte[] challenge) {
    return cardSign(key, LoginMessage.encode(origin, challenge));
  }

  private static byte[] authSign(Challenge c) {
    return holderSigns(P.authKeyPair().getPrivate(), ORIGIN, c.value());
  }

  @Test
  void verify_signedChallenge_isValidWithStableSubjectIdAndSession() {
    Challenge c = login.newChallenge("session-1");
    assertThat(c.value()).hasSize(32);
    LoginResult r = login.verify(c.value(), authSign(c), P.authCertificate());
    assertThat(r.isValid()).as(r.verification().toString()).isTrue();
    assertThat(r.session()).contains("session-1");
    assertThat(r.subjectId()).contains(LoginVerifier.subjectId(P.authCertificate()));
    assertThat(r.subjectId().orElseThrow()).matches("[0-9a-f]{64}");
    Challenge c2 = login.newChallenge();
    LoginResult again = login.verify(c2.value(), authSign(c2), P.authCertificate());
    assertThat(again.subjectId()).isEqualTo(r.subjectId());
    String other = LoginVerifier.subjectId(Personas.get(Personas.MINOR).authCertificate());
    assertThat(other).isNotEqualTo(r.subjectId().orElseThrow());
  }

  @Test
  void verify_wireForm_encodedChallengeAndDerCertificate_isValid() throws Exception {
    Challenge c = login.newChallenge("s");
    LoginResult r = login.verify(c.encoded(), authSign(c), P.authCertificate().getEncoded());
    assertThat(r.isValid()).as(r.verification().toString()).isTrue();
    assertThat(r.session()).contains("s");
  }

  @Test
  void verify_wireForm_malformedCertificate_isMalformedInputAndChallengeSpent() {
    Challenge c = login.newChallenge("s");
    LoginResult r = login.verify(c.encoded(), authSign(c), new byte[] {0x30, 0x03, 1, 2});
    assertThat(r.verification().failures()).extracting(Failure::code).containsExactly(FailureCode.MALFORMED_INPUT);
    assertThat(r.session()).isEmpty();
    assertThat(login.verify(c.encoded(), authSign(c), new byte[0]).verification()
        .hasFailure(FailureCode.CHALLENGE_UNKNOWN)).isTrue();
  }

  @Test
  void verify_wireForm_garbageChallengeString_isChallengeUnknown() throws Exception {
    byte[] der = P.authCertificate().getEncoded();
    for (String bad : new String[] {"", "not base64!", "a".repeat(100_000), "AAAA=="}) {
      assertThat(login.verify(bad, new byte[256], der).verification().failures())
          .extracting(Failure::code).containsExactly(FailureCode.CHALLENGE_UNKNOWN);
    }
  }

  // Finding 4: the card signed the bare challenge, so a relying party could pass a document off as its
  // "challenge". A signature over the bare challenge is no longer a login.
  @Test
  void verify_signatureOverBareChallenge_isDigestMismatch() {
    Challenge c = login.newChallenge();
    byte[] bare = cardSign(P.authKeyPair().getPrivate(), c.value());
    LoginResult r = login.verify(c.value(), bare, P.authCertificate());
    assertThat(r.isValid()).isFalse();
    assertThat(r.verification().hasFailure(FailureCode.DIGEST_MISMATCH)).isTrue();
  }

  // Finding 4: a login signature is not a signature over the challenge as data, even for a verifier that
  // accepts authentication-key signatures.
  @Test
  void loginSignature_isNotASignatureOverTheChallengeBytes() {
    Challenge c = login.newChallenge();
    SignatureVerifier either = SignatureVerifier.builder(validator()).certificateType(KeyType.AUTHENTICATION).build();
    VerificationResult asDocument = either.verifyRaw(authSign(c), c.value(), P.authCertificate());
    assertThat(asDocument.hasFailure(FailureCode.DIGEST_MISMATCH)).isTrue();
  }

  // Finding 4: a malicious site relays this site's challenge; the holder's software binds the signature to
  // the malicious site's origin, which this site refuses.
  @Test
  void verify_signatureBoundToAnotherOrigin_isDigestMismatch() {
    Challenge c = login.newChallenge();
    for (String elsewhere : new String[] {"https://login.example.jp.evil.example", "http://login.example.jp",
        "https://login.example.jp:8443"}) {
      Challenge fresh = login.newChallenge();
      byte[] sig = holderSigns(P.authKeyPair().getPrivate(), elsewhere, fresh.value());
      assertThat(login.verify(fresh.value(), sig, P.authCertificate()).verification()
          .hasFailure(FailureCode.DIGEST_MISMATCH)).as(elsewhere).isTrue();
    }
    // the same origin spelt differently is the same origin
    byte[] sig = holderSigns(P.authKeyPair().getPrivate(), "HTTPS://Login.Example.JP:443/login?x=1", c.value());
    assertThat(login.verify(c.value(), sig, P.authCertificate()).isValid()).isTrue();
  }

  @Test
  void build_withoutOrigin_isRefused() {
    assertThatThrownBy(() -> LoginVerifier.builder(validator()).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("origin");
    assertThatThrownBy(() -> LoginVerifier.builder(validator()).origin("ftp://x.example"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void verify_replayedChallenge_isInvalidChallengeUnknown() {
    Challenge c = login.newChallenge();
    byte[] sig = authSign(c);
    assertThat(login.verify(c.value(), sig, P.authCertificate()).isValid()).isTrue();
    LoginResult replay = login.verify(c.value(), sig, P.authCertificate());
    assertThat(replay.isValid()).isFalse();
    assertThat(replay.verification().hasFailure(FailureCode.CHALLENGE_UNKNOWN)).isTrue();
    assertThat(replay.subjectId()).isEmpty();
  }

  @Test
  void verify_expiredChallenge_isInvalidAndConsumed() {
    Challenge c = login.newChallenge();
    now.set(now.get().plus(Duration.ofMinutes(3)));
    byte[] sig = authSign(c);
    LoginResult r = login.verify(c.value(), sig, P.authCertificate());
    assertThat(r.verification().failures()).extracting(Failure::code).containsExactly(FailureCode.CHALLENGE_EXPIRED);
    assertThat(r.session()).isEmpty();
    assertThat(r.challengeSession()).as("a waiting page may show why").contains(c.session());
    assertThat(login.verify(c.value(), sig, P.authCertificate()).verification()
        .hasFailure(FailureCode.CHALLENGE_UNKNOWN)).isTrue();
  }

  @Test
  void verify_challengeNotIssued_isInvalid() {
    byte[] forged = new byte[32];
    LoginResult r = login.verify(forged, holderSigns(P.authKeyPair().getPrivate(), ORIGIN, forged), P.authCertificate());
    assertThat(r.verification().failures()).extracting(Failure::code).containsExactly(FailureCode.CHALLENGE_UNKNOWN);
  }

  // Finding 9: an unknown or expired challenge used to cost the full chain, revocation and RSA work.
  @Test
  void verify_unknownOrExpiredChallenge_touchesNeitherCertificateNorRevocation() {
    AtomicInteger revocationChecks = new AtomicInteger();
    RevocationSource counting = (cert, issuer, at) -> {
      revocationChecks.incrementAndGet();
      return RevocationSource.none().check(cert, issuer, at);
    };
    LoginVerifier v = LoginVerifier.builder(validator().newBuilder().revocation(counting).build()).origin(ORIGIN).build();
    CountingCertificate cert = new CountingCertificate(P.authCertificate());

    byte[] unknown = new byte[32];
    assertThat(v.verify(unknown, new byte[256], cert).verification().hasFailure(FailureCode.CHALLENGE_UNKNOWN)).isTrue();
    Challenge c = v.newChallenge();
    now.set(now.get().plus(Duration.ofMinutes(3)));
    assertThat(v.verify(c.value(), authSign(c), cert).verification().hasFailure(FailureCode.CHALLENGE_EXPIRED)).isTrue();
    assertThat(cert.calls.get()).as("certificate methods called").isZero();
    assertThat(revocationChecks.get()).isZero();

    // the hooks do count: a live challenge does the full work
    now.set(TestPki.REFERENCE_TIME);
    Challenge live = v.newChallenge();
    assertThat(v.verify(live.value(), authSign(live), cert).isValid()).isTrue();
    assertThat(cert.calls.get()).isPositive();
    assertThat(revocationChecks.get()).isPositive();
  }

  @Test
  void verify_signatureCertificateForLogin_isInvalidProfile() {
    Challenge c = login.newChallenge();
    byte[] sig = holderSigns(P.signKeyPair().orElseThrow().getPrivate(), ORIGIN, c.value());
    LoginResult r = login.verify(c.value(), sig, P.signCertificate().orElseThrow());
    assertThat(r.verification().hasFailure(FailureCode.PROFILE)).isTrue();
    assertThat(r.subjectId()).isEmpty();
  }

  @Test
  void verify_signatureWithOtherKey_isInvalidAndChallengeSpent() {
    Challenge c = login.newChallenge();
    byte[] sig = holderSigns(P.signKeyPair().orElseThrow().getPrivate(), ORIGIN, c.value());
    assertThat(login.verify(c.value(), sig, P.authCertificate()).verification()
        .hasFailure(FailureCode.BAD_SIGNATURE)).isTrue();
    assertThat(login.verify(c.value(), authSign(c), P.authCertificate()).isValid()).isFalse();
  }

  // Finding 9: anonymous callers filled the store and then everybody got IllegalStateException.
  @Test
  void newChallenge_storeFull_typedRefusalUntilExpiredPurged() {
    LoginVerifier small = builder().capacity(2).build();
    small.newChallenge();
    small.newChallenge();
    assertThatThrownBy(small::newChallenge).isInstanceOfSatisfying(ChallengeStoreException.class,
        e -> assertThat(e.reason()).isEqualTo(ChallengeStoreException.Reason.FULL));
    now.set(now.get().plus(Duration.ofMinutes(5)));
    assertThat(small.newChallenge()).isNotNull();
  }

  @Test
  void newChallenge_oneSessionAskingRepeatedly_evictsItsOwnOldestAndNeverFillsTheStore() {
    LoginVerifier small = builder().capacity(3).challengesPerSession(2).build();
    Challenge other = small.newChallenge("other");
    Challenge first = small.newChallenge("greedy");
    Challenge last = first;
    for (int i = 0; i < 50; i++) {
      last = small.newChallenge("greedy");
    }
    assertThat(small.verify(first.value(), authSign(first), P.authCertificate()).verification()
        .hasFailure(FailureCode.CHALLENGE_UNKNOWN)).as("evicted").isTrue();
    assertThat(small.verify(last.value(), authSign(last), P.authCertificate()).isValid()).isTrue();
    assertThat(small.verify(other.value(), authSign(other), P.authCertificate()).isValid())
        .as("another session's challenge survives").isTrue();
  }

  @Test
  void storeDown_newChallengeRefusedTyped_verifyIndeterminateNeverValid() {
    ChallengeStore down = new ChallengeStore() {
      @Override public void put(Challenge challenge) {
        throw new ChallengeStoreException(ChallengeStoreException.Reason.UNAVAILABLE, "database down", null);
      }
      @Override public Optional<Challenge> take(String id) {
        throw new ChallengeStoreException(ChallengeStoreException.Reason.UNAVAILABLE, "database down", null);
      }
    };
    LoginVerifier v = builder().challengeStore(down).build();
    assertThatThrownBy(v::newChallenge).isInstanceOfSatisfying(ChallengeStoreException.class,
        e -> assertThat(e.reason()).isEqualTo(ChallengeStoreException.Reason.UNAVAILABLE));
    byte[] ch = new byte[32];
    LoginResult r = v.verify(ch, holderSigns(P.authKeyPair().getPrivate(), ORIGIN, ch), P.authCertificate());
    assertThat(r.verification().status()).isEqualTo(Status.INDETERMINATE);
    assertThat(r.verification().failures()).extracting(Failure::code)
        .containsExactly(FailureCode.CHALLENGE_STORE_UNAVAILABLE);
    assertThat(r.subjectId()).isEmpty();
  }

  @Test
  void newChallenge_badSessionId_isRefused() {
    assertThatThrownBy(() -> login.newChallenge("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> login.newChallenge("x".repeat(129))).isInstanceOf(IllegalArgumentException.class);
  }

  /** Counts every call the verifier makes on the certificate: the counting hook of finding 9's test. */
  @SuppressWarnings("deprecation") // getIssuerDN/getSubjectDN are abstract in X509Certificate
  private static final class CountingCertificate extends X509Certificate {
    private static final long serialVersionUID = 1L;
    private final transient X509Certificate d;
    final AtomicInteger calls = new AtomicInteger();

    CountingCertificate(X509Certificate d) {
      this.d = d;
    }

    private X509Certificate d() {
      calls.incrementAndGet();
      return d;
    }

    @Override public void checkValidity() throws java.security.cert.CertificateExpiredException,
        java.security.cert.CertificateNotYetValidException { d().checkValidity(); }
    @Override public void checkValidity(Date date) throws java.security.cert.CertificateExpiredException,
        java.security.cert.CertificateNotYetValidException { d().checkValidity(date); }
    @Override public int getVersion() { return d().getVersion(); }
    @Override public BigInteger getSerialNumber() { return d().getSerialNumber(); }
    @Override public Principal getIssuerDN() { return d().getIssuerDN(); }
    @Override public javax.security.auth.x500.X500Principal getIssuerX500Principal() { return d().getIssuerX500Principal(); }
    @Override public Principal getSubjectDN() { return d().getSubjectDN(); }
    @Override public javax.security.auth.x500.X500Principal getSubjectX500Principal() { return d().getSubjectX500Principal(); }
    @Override public Date getNotBefore() { return d().getNotBefore(); }
    @Override public Date getNotAfter() { return d().getNotAfter(); }
    @Override public byte[] getTBSCertificate() throws java.security.cert.CertificateEncodingException { return d().getTBSCertificate(); }
    @Override public byte[] getSignature() { return d().getSignature(); }
    @Override public String getSigAlgName() { return d().getSigAlgName(); }
    @Override public String getSigAlgOID() { return d().getSigAlgOID(); }
    @Override public byte[] getSigAlgParams() { return d().getSigAlgParams(); }
    @Override public boolean[] getIssuerUniqueID() { return d().getIssuerUniqueID(); }
    @Override public boolean[] getSubjectUniqueID() { return d().getSubjectUniqueID(); }
    @Override public boolean[] getKeyUsage() { return d().getKeyUsage(); }
    @Override public java.util.List<String> getExtendedKeyUsage() throws java.security.cert.CertificateParsingException { return d().getExtendedKeyUsage(); }
    @Override public int getBasicConstraints() { return d().getBasicConstraints(); }
    @Override public java.util.Collection<java.util.List<?>> getSubjectAlternativeNames() throws java.security.cert.CertificateParsingException { return d().getSubjectAlternativeNames(); }
    @Override public java.util.Collection<java.util.List<?>> getIssuerAlternativeNames() throws java.security.cert.CertificateParsingException { return d().getIssuerAlternativeNames(); }
    @Override public byte[] getEncoded() throws CertificateEncodingException { return d().getEncoded(); }
    @Override public void verify(PublicKey key) throws java.security.cert.CertificateException, java.security.NoSuchAlgorithmException, java.security.InvalidKeyException, java.security.NoSuchProviderException, java.security.SignatureException { d().verify(key); }
    @Override public void verify(PublicKey key, String sigProvider) throws java.security.cert.CertificateException, java.security.NoSuchAlgorithmException, java.security.InvalidKeyException, java.security.NoSuchProviderException, java.security.SignatureException { d().verify(key, sigProvider); }
    @Override public void verify(PublicKey key, java.security.Provider sigProvider) throws java.security.cert.CertificateException, java.security.NoSuchAlgorithmException, java.security.InvalidKeyException, java.security.SignatureException { d().verify(key, sigProvider); }
    @Override public String toString() { return "CountingCertificate"; }
    @Override public PublicKey getPublicKey() { return d().getPublicKey(); }
    @Override public boolean hasUnsupportedCriticalExtension() { return d().hasUnsupportedCriticalExtension(); }
    @Override public Set<String> getCriticalExtensionOIDs() { return d().getCriticalExtensionOIDs(); }
    @Override public Set<String> getNonCriticalExtensionOIDs() { return d().getNonCriticalExtensionOIDs(); }
    @Override public byte[] getExtensionValue(String oid) { return d().getExtensionValue(oid); }
  }
}
