// SPDX-License-Identifier: Apache-2.0
package dev.jpki.benchmarks;

import dev.jpki.card.KeyType;
import dev.jpki.internal.LoginMessage;
import dev.jpki.testkit.Persona;
import dev.jpki.verify.CertificateValidator;
import dev.jpki.verify.Certificates;
import dev.jpki.verify.Challenge;
import dev.jpki.verify.LoginResult;
import dev.jpki.verify.LoginVerifier;
import dev.jpki.verify.revocation.RevocationSource;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.cert.X509CertificateHolder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Server side of a login, and parsing the certificate that comes with it.
 *
 * <p>{@code LoginVerifier.verify}: challenge redeemed from the in-memory store, the PKCS#1 signature over
 * the login message checked, the authentication certificate validated. "Seen" sends the same certificate
 * bytes each time (a returning user: the validator remembers it); "new" sends one of {@link #NEW_CERTIFICATES}
 * distinct certificates in turn (same key, different serials), more than the validator remembers, each
 * parsed from its DER with the JDK's parser past the factory's cache: parse + the certificate's RSA
 * verification + the signature's. Each iteration issues a challenge first ({@code newChallenge}; the
 * challenge bytes are fixed by a constant random source so that one signature made in setup answers
 * every challenge).
 *
 * <p>Baselines: one raw JDK {@code SHA256withRSA} verify; and "parse + two raw verifies" (JDK certificate
 * parse past the cache, the certificate's signature with the root key, the login signature), the bare
 * crypto a login with a new certificate needs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = Fixtures.ADD_EXPORTS)
@State(Scope.Benchmark)
public class LoginBenchmark {
  /** Distinct certificates for "new": more than the validator remembers. */
  static final int NEW_CERTIFICATES = 2100;

  static final String ORIGIN = "https://login.example.jp";

  LoginVerifier verifier;
  X509Certificate cert;
  byte[] certDer;
  byte[][] newDer;
  int next;
  byte[] message;
  byte[] signature;
  byte[] rootCertDer;
  java.security.PublicKey rootKey;

  /** Always the same bytes: every challenge is the one the setup signed. */
  @SuppressWarnings("serial")
  static final class ConstantRandom extends SecureRandom {
    @Override
    public void nextBytes(byte[] bytes) {
      java.util.Arrays.fill(bytes, (byte) 0x5A);
    }
  }

  /**
   * Issues the certificates, signs the fixed challenge, checks a login is VALID.
   *
   * @throws Exception if the fixture is broken
   */
  @Setup
  public void setUp() throws Exception {
    setUp(NEW_CERTIFICATES);
  }

  void setUp(int newCertificates) throws Exception {
    Persona p = Fixtures.persona();
    cert = p.authCertificate();
    certDer = cert.getEncoded();
    KeyPair keys = p.authKeyPair();
    CertificateValidator validator = Fixtures.testProfile(CertificateValidator.builder().trustAnchors(Fixtures.anchors())
        .revocation(RevocationSource.none()).clock(Fixtures.CLOCK)).build();
    verifier = LoginVerifier.builder(validator).origin(ORIGIN).random(new ConstantRandom()).build();
    Challenge c = verifier.newChallenge();
    message = LoginMessage.encode(ORIGIN, c.value());
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initSign(keys.getPrivate());
    s.update(message);
    signature = s.sign();
    verifier.verify(c.value(), signature, cert).verification().requireValid();
    newDer = new byte[newCertificates][];
    for (int i = 0; i < newCertificates; i++) {
      newDer[i] = Fixtures.PKI.leaf(KeyType.AUTHENTICATION).keyPair(keys)
          .serial(java.math.BigInteger.valueOf(0x4C000000L + i)).build().certificate().getEncoded();
    }
    rootKey = Fixtures.PKI.root(KeyType.AUTHENTICATION).getPublicKey();
  }

  /**
   * Ours: a returning user's login (certificate seen before).
   *
   * @return the verdict
   */
  @Benchmark
  public LoginResult oursSeen() {
    Challenge c = verifier.newChallenge();
    return verifier.verify(c.value(), signature, cert);
  }

  /**
   * Ours: a login with a certificate this server has not validated before.
   *
   * @return the verdict
   */
  @Benchmark
  public LoginResult oursNew() {
    Challenge c = verifier.newChallenge();
    X509Certificate fresh = Fixtures.freshCertificate(newDer[next]);
    next = (next + 1) % newDer.length;
    return verifier.verify(c.value(), signature, fresh);
  }

  /**
   * Baseline: one raw JDK verify of the login signature.
   *
   * @return true if it verifies
   * @throws GeneralSecurityException never
   */
  @Benchmark
  public boolean rawVerify() throws GeneralSecurityException {
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initVerify(cert.getPublicKey());
    s.update(message);
    return s.verify(signature);
  }

  /**
   * Baseline: parse a new certificate (JDK, past the cache), verify its signature with the root key, then
   * the login signature: the crypto floor of a login with a new certificate.
   *
   * @return true if both verify
   * @throws GeneralSecurityException never
   */
  @Benchmark
  public boolean parseAndTwoRawVerifies() throws GeneralSecurityException {
    X509Certificate fresh = Fixtures.freshCertificate(newDer[next]);
    next = (next + 1) % newDer.length;
    fresh.verify(rootKey);
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initVerify(fresh.getPublicKey());
    s.update(message);
    return s.verify(signature);
  }

  // ------------------------------------------------------------------ certificate parsing

  /**
   * Ours: {@link Certificates#parse} (structure bounds, then the JDK's parser through its factory, which
   * answers repeated bytes from its cache).
   *
   * @return the certificate
   * @throws Exception never
   */
  @Benchmark
  public X509Certificate parseOurs() throws Exception {
    return Certificates.parse(certDer);
  }

  /**
   * Ours on bytes not seen before (each call a different certificate, past the factory's cache after it
   * cycles).
   *
   * @return the certificate
   * @throws Exception never
   */
  @Benchmark
  public X509Certificate parseOursNew() throws Exception {
    byte[] der = newDer[next];
    next = (next + 1) % newDer.length;
    return Certificates.parse(der);
  }

  /**
   * Baseline: the JDK's X.509 parser ({@code X509CertImpl}) on the bytes, no cache.
   *
   * @return the certificate
   */
  @Benchmark
  public X509Certificate parseJdk() {
    return Fixtures.freshCertificate(certDer);
  }

  /**
   * Baseline: BouncyCastle's {@code X509CertificateHolder}.
   *
   * @return the holder
   * @throws java.io.IOException never
   */
  @Benchmark
  public X509CertificateHolder parseBc() throws java.io.IOException {
    return new X509CertificateHolder(certDer);
  }
}
