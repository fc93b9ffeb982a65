package dev.jpki.benchmarks;

import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.pki.CertType;
import dev.jpki.testkit.pki.JpkiOids;
import dev.jpki.testkit.pki.TestPki;
import dev.jpki.verify.CertificateType;
import dev.jpki.verify.JpkiProfile;
import dev.jpki.verify.TrustAnchors;
import java.security.cert.CertPath;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
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

  /** The test hierarchy's profile: test policy OIDs (spec §9.4), everything else production. */
  static final JpkiProfile TEST_PROFILE = JpkiProfile.builder()
      .policies(CertificateType.SIGNATURE, JpkiOids.POLICY_TEST_SIGN)
      .policies(CertificateType.AUTHENTICATION, JpkiOids.POLICY_TEST_AUTH)
      .build();

  private Fixtures() {}

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
        .add(PKI.root(CertType.SIGN), CertificateType.SIGNATURE)
        .add(PKI.root(CertType.AUTH), CertificateType.AUTHENTICATION)
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
    set.add(new TrustAnchor(PKI.root(CertType.SIGN), null));
    set.add(new TrustAnchor(PKI.root(CertType.AUTH), null));
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
