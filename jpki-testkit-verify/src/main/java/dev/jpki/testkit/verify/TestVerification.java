// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.verify;

import dev.jpki.card.KeyType;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.pki.TestPki;
import dev.jpki.verify.CertificateValidator;
import dev.jpki.verify.LoginVerifier;
import dev.jpki.verify.SignatureVerifier;
import dev.jpki.verify.TrustAnchors;
import dev.jpki.verify.revocation.RevocationSource;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * What a jpki-verify verifier needs to accept the virtual card's certificates and signatures, in one call:
 * the test PKI's two roots as trust anchors, a profile that also accepts the test hierarchy's policy OIDs
 * ({@link CertificateValidator.Builder#acceptTestHierarchy()}), and revocation from the test PKI's CRLs, which list
 * the {@code revoked} persona.
 *
 * <pre>{@code
 * SignatureVerifier verifier = TestVerification.forPersona(persona).signatureVerifier();
 * VerificationResult result = verifier.verifyRaw(signature, document, certificate); // VALID
 * }</pre>
 *
 * <p>For tests, demos and trying the SDK only: production code uses {@link TrustAnchors#production()} and
 * the production profile, which reject the test hierarchy (and say so, naming {@code
 * acceptTestHierarchy()}).
 */
public final class TestVerification {
  private final TestPki pki;
  private final Clock clock;
  private final TrustAnchors trustAnchors;
  private final RevocationSource revocation;

  private TestVerification(TestPki pki, Clock clock) {
    this.pki = pki;
    this.clock = clock;
    this.trustAnchors = TrustAnchors.builder()
        .add(pki.root(KeyType.SIGNATURE), KeyType.SIGNATURE)
        .add(pki.root(KeyType.AUTHENTICATION), KeyType.AUTHENTICATION)
        .build();
    Instant now = clock.instant();
    this.revocation = RevocationSource.crl(pki.crl(KeyType.SIGNATURE, now), pki.crl(KeyType.AUTHENTICATION, now));
  }

  /**
   * The set-up for the shared test PKI ({@link TestPki#get()}, the one every built-in persona uses),
   * checking at the current time with CRLs issued now.
   *
   * @return the set-up
   */
  public static TestVerification create() {
    return new TestVerification(TestPki.get(), Clock.systemUTC());
  }

  /**
   * The set-up for the PKI that issued a persona's certificates, checking at the current time.
   *
   * @param persona the holder whose card produced what is verified
   * @return the set-up
   */
  public static TestVerification forPersona(Persona persona) {
    return new TestVerification(persona.pki(), Clock.systemUTC());
  }

  /**
   * The set-up for a test PKI with a given clock (CRLs are issued at the clock's instant, and the
   * verifiers built here check at it), e.g. {@link TestPki#REFERENCE_TIME} for reproducible tests.
   *
   * @param pki the test PKI
   * @param clock the verification clock
   * @return the set-up
   */
  public static TestVerification of(TestPki pki, Clock clock) {
    return new TestVerification(Objects.requireNonNull(pki, "pki"), Objects.requireNonNull(clock, "clock"));
  }

  /** @return the test PKI's signature and authentication roots, each for its certificate type */
  public TrustAnchors trustAnchors() {
    return trustAnchors;
  }

  /** @return revocation from the test PKI's signature and authentication CRLs, issued at the clock's instant */
  public RevocationSource revocation() {
    return revocation;
  }

  /** @return the verification clock */
  public Clock clock() {
    return clock;
  }

  /** @return the test PKI */
  public TestPki pki() {
    return pki;
  }

  /** @return a signature verifier with these anchors, profile, revocation and clock */
  public SignatureVerifier signatureVerifier() {
    return SignatureVerifier.builder(certificateValidator()).build();
  }

  /** @return a certificate validator with these anchors, profile, revocation and clock */
  public CertificateValidator certificateValidator() {
    return CertificateValidator.builder().trustAnchors(trustAnchors).acceptTestHierarchy().revocation(revocation)
        .clock(clock).build();
  }

  /**
   * A login verifier around {@link #certificateValidator()}, bound to a relying party's origin.
   *
   * @param origin the site's origin, e.g. {@code https://login.example.jp}
   * @return the verifier (default challenge store, lifetime and sizes)
   */
  public LoginVerifier loginVerifier(String origin) {
    return LoginVerifier.builder(certificateValidator()).origin(origin).build();
  }

  @Override
  public String toString() {
    return "TestVerification[" + trustAnchors + ", test hierarchy accepted, test CRLs at " + clock.instant() + "]";
  }
}
