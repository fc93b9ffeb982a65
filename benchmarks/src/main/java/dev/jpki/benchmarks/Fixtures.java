// SPDX-License-Identifier: Apache-2.0
package dev.jpki.benchmarks;

import dev.jpki.verify.CertificateValidator;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.card.KeyType;
import dev.jpki.testkit.pki.JpkiOids;
import dev.jpki.testkit.pki.TestPki;
import dev.jpki.verify.TrustAnchors;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.cert.CRLException;
import java.security.cert.CertPath;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Date;
import java.util.List;

/**
 * The inputs every benchmark shares: the testkit's JPKI-shaped test PKI, its default persona, a clock
 * fixed at {@link TestPki#REFERENCE_TIME} (when every default-persona certificate is valid), and the same
 * trust anchors for our validator and for the JDK/BouncyCastle PKIX baselines.
 */
final class Fixtures {
  /** The default test PKI (built once per JVM). */
  static final TestPki PKI = TestPki.get();

  /** The verification time of every benchmark. */
  static final Clock CLOCK = Clock.fixed(TestPki.REFERENCE_TIME, ZoneOffset.UTC);

  /** The test hierarchy's profile: test policy OIDs (docs/card-protocol.md §9.4), everything else production. */
  static CertificateValidator.Builder testProfile(CertificateValidator.Builder b) {
    return b.policies(KeyType.SIGNATURE, JpkiOids.POLICY_TEST_SIGN)
        .policies(KeyType.AUTHENTICATION, JpkiOids.POLICY_TEST_AUTH);
  }

  /**
   * JVM option the benchmarks need for {@link #freshCertificate} and {@link #freshCrl} (set in the
   * {@code @Fork} annotations, Surefire and the README's commands).
   */
  static final String ADD_EXPORTS = "--add-exports=java.base/sun.security.x509=ALL-UNNAMED";

  /** Loaded on first use, so that only the benchmarks that parse past the cache need the option. */
  private static final class Parsers {
    static final MethodHandle NEW_CERT = constructor("sun.security.x509.X509CertImpl");
    static final MethodHandle NEW_CRL = constructor("sun.security.x509.X509CRLImpl");
  }

  private Fixtures() {}

  private static MethodHandle constructor(String className) {
    try {
      return MethodHandles.lookup().findConstructor(Class.forName(className),
          MethodType.methodType(void.class, byte[].class));
    } catch (ReflectiveOperationException | IllegalAccessError e) {
      throw new IllegalStateException(className + " is not accessible: run with " + ADD_EXPORTS, e);
    }
  }

  /**
   * Parses a certificate into a new JDK object, as {@code CertificateFactory} does for bytes it has
   * not seen. Why not the factory itself: the JDK's X509Factory keeps a cache keyed by the encoding,
   * so parsing the same bytes again returns the same object, whose {@code verify(key)} remembers its
   * last success: a benchmark that loops over one certificate would then measure neither parsing nor
   * RSA. A server receives a new certificate with each request.
   *
   * @param der the certificate
   * @return a new, never verified object
   */
  static X509Certificate freshCertificate(byte[] der) {
    try {
      return (X509Certificate) Parsers.NEW_CERT.invoke(der);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("not a certificate", e);
    }
  }

  /**
   * Parses a CRL into a new JDK object, exactly what {@code CertificateFactory.generateCRL} does on a
   * cache miss. Its cache (X509Factory, for encodings up to 4 MiB) would otherwise hand back the
   * object parsed in the previous iteration, already verified.
   *
   * @param der the CRL
   * @return a new object
   * @throws CRLException if the bytes are not a CRL
   */
  static X509CRL freshCrl(byte[] der) throws CRLException {
    try {
      return (X509CRL) Parsers.NEW_CRL.invoke(der);
    } catch (CRLException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("unexpected", e);
    }
  }

  /**
   * The default persona (signature certificate and key, PINs, virtual card).
   *
   * @return the persona
   */
  static Persona persona() {
    return Personas.get(Personas.DEFAULT);
  }

  /**
   * Both test roots as our typed trust anchors.
   *
   * @return the anchors
   */
  static TrustAnchors anchors() {
    return TrustAnchors.builder()
        .add(PKI.root(KeyType.SIGNATURE), KeyType.SIGNATURE)
        .add(PKI.root(KeyType.AUTHENTICATION), KeyType.AUTHENTICATION)
        .build();
  }

  /**
   * PKIX parameters with the same two roots as {@link #anchors()}, the same time, revocation off.
   *
   * @return new parameters
   * @throws java.security.InvalidAlgorithmParameterException never (the anchor set is not empty)
   */
  static PKIXParameters pkixParameters() throws java.security.InvalidAlgorithmParameterException {
    java.util.Set<TrustAnchor> set = new java.util.HashSet<>();
    set.add(new TrustAnchor(PKI.root(KeyType.SIGNATURE), null));
    set.add(new TrustAnchor(PKI.root(KeyType.AUTHENTICATION), null));
    PKIXParameters p = new PKIXParameters(set);
    p.setRevocationEnabled(false);
    p.setDate(Date.from(TestPki.REFERENCE_TIME));
    return p;
  }

  /**
   * A one-certificate path, as the JDK's CertPathValidator takes it.
   *
   * @param factory an X.509 certificate factory
   * @param leaf the end-entity certificate
   * @return the path
   * @throws CertificateException never for a parsed certificate
   */
  static CertPath path(CertificateFactory factory, X509Certificate leaf) throws CertificateException {
    List<X509Certificate> l = Collections.singletonList(leaf);
    return factory.generateCertPath(l);
  }
}
