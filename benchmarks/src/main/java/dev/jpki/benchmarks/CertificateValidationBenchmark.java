// SPDX-License-Identifier: Apache-2.0
package dev.jpki.benchmarks;

import dev.jpki.card.KeyType;
import dev.jpki.testkit.pki.TestPki;
import dev.jpki.verify.CertificateValidator;
import dev.jpki.verify.Status;
import dev.jpki.verify.VerificationResult;
import dev.jpki.verify.revocation.CrlIndex;
import dev.jpki.verify.revocation.RevocationSource;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorResult;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Validating the default persona's signature certificate against the test roots: our {@link
 * CertificateValidator} next to the JDK's PKIX {@link CertPathValidator} and BouncyCastle's, with the
 * same two anchors and the same time.
 *
 * <p>Without revocation and with a small in-memory CRL (the test root's standard CRL, 7 entries). The
 * CRL variants check the end-entity certificate only, like ours (the anchor is not checked). Ours
 * also checks the JPKI profile (policy, key usage, basic 4 info, type of root), which PKIX does not:
 * the ratio is "our validation" over "generic PKIX", not like for like in our favour.
 *
 * <p>{@code fresh=false} validates the same {@link X509Certificate} object every time: the JDK's
 * certificate object remembers the key its signature last verified with, so after the first call no
 * RSA operation happens, for ours and PKIX alike, and the ratio is pure overhead. {@code fresh=true}
 * parses the DER into a new object per call (bypassing the JDK factory's cache, see {@link
 * Fixtures#freshCertificate}), as a server receiving a certificate with each request: parsing plus
 * one RSA public operation plus the checks.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = Fixtures.ADD_EXPORTS)
@State(Scope.Benchmark)
public class CertificateValidationBenchmark {
  /** Whether each call validates a newly parsed certificate object. */
  @Param({"false", "true"})
  public boolean fresh;

  X509Certificate leaf;
  byte[] leafDer;
  CertificateValidator ours;
  CertificateValidator oursWithCrl;
  CertificateFactory factory;
  CertPathValidator jdk;
  CertPathValidator jdkWithCrl;
  CertPathValidator bc;
  PKIXParameters params;
  PKIXParameters paramsWithCrl;

  /**
   * Builds the validators once (as a server would) and checks each says "valid".
   *
   * @throws Exception if the fixture is broken
   */
  @Setup
  public void setUp() throws Exception {
    leaf = Fixtures.persona().signCertificate().orElseThrow();
    leafDer = leaf.getEncoded();
    X509CRL crl = Fixtures.PKI.crl(KeyType.SIGNATURE, TestPki.REFERENCE_TIME);
    ours = Fixtures.testProfile(CertificateValidator.builder().trustAnchors(Fixtures.anchors()).revocation(RevocationSource.none())
        .clock(Fixtures.CLOCK)).build();
    oursWithCrl = ours.newBuilder().revocation(RevocationSource.crl(CrlIndex.parse(crl.getEncoded()))).build();
    factory = CertificateFactory.getInstance("X.509");
    jdk = CertPathValidator.getInstance("PKIX");
    jdkWithCrl = CertPathValidator.getInstance("PKIX");
    bc = CertPathValidator.getInstance("PKIX", new BouncyCastleProvider());
    params = Fixtures.pkixParameters();
    paramsWithCrl = Fixtures.pkixParameters();
    paramsWithCrl.addCertStore(CertStore.getInstance("Collection",
        new CollectionCertStoreParameters(Collections.singletonList(crl))));
    PKIXRevocationChecker rc = (PKIXRevocationChecker) jdkWithCrl.getRevocationChecker();
    // CRL only, end entity only, no network: the same question ours answers
    rc.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS, PKIXRevocationChecker.Option.NO_FALLBACK,
        PKIXRevocationChecker.Option.ONLY_END_ENTITY));
    paramsWithCrl.addCertPathChecker(rc);
    paramsWithCrl.setRevocationEnabled(true);
    check(ours());
    check(oursWithCrl());
    jdkPkix();
    jdkPkixWithCrl();
    bcPkix();
  }

  /** The certificate to validate in this call: the shared object, or a newly parsed one. */
  X509Certificate leaf() {
    return fresh ? Fixtures.freshCertificate(leafDer) : leaf;
  }

  static void check(VerificationResult r) {
    if (r.status() != Status.VALID) {
      throw new IllegalStateException("expected VALID, got " + r.status() + " " + r.failures());
    }
  }

  /**
   * Ours, no revocation: path by key identifier and signature, validity, JPKI profile.
   *
   * @return the verdict
   */
  @Benchmark
  public VerificationResult ours() {
    return ours.validate(leaf(), KeyType.SIGNATURE);
  }

  /**
   * Ours with the small CRL (signature of the CRL checked once, then remembered).
   *
   * @return the verdict
   */
  @Benchmark
  public VerificationResult oursWithCrl() {
    return oursWithCrl.validate(leaf(), KeyType.SIGNATURE);
  }

  /**
   * JDK PKIX, revocation disabled.
   *
   * @return the result
   * @throws GeneralSecurityException if the path does not validate
   */
  @Benchmark
  public CertPathValidatorResult jdkPkix() throws GeneralSecurityException {
    return jdk.validate(Fixtures.path(factory, leaf()), params);
  }

  /**
   * JDK PKIX with the same CRL in a collection CertStore (PREFER_CRLS, NO_FALLBACK, ONLY_END_ENTITY).
   *
   * @return the result
   * @throws GeneralSecurityException if the path does not validate
   */
  @Benchmark
  public CertPathValidatorResult jdkPkixWithCrl() throws GeneralSecurityException {
    return jdkWithCrl.validate(Fixtures.path(factory, leaf()), paramsWithCrl);
  }

  /**
   * BouncyCastle's PKIX (its provider, the same JDK parameters), revocation disabled.
   *
   * @return the result
   * @throws GeneralSecurityException if the path does not validate
   */
  @Benchmark
  public CertPathValidatorResult bcPkix() throws GeneralSecurityException {
    return bc.validate(Fixtures.path(factory, leaf()), params);
  }
}
