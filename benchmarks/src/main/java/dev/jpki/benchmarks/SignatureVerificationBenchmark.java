// SPDX-License-Identifier: Apache-2.0
package dev.jpki.benchmarks;

import dev.jpki.card.HashAlgorithm;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.pki.TestPki;
import dev.jpki.card.KeyType;
import dev.jpki.verify.CertificateValidator;
import dev.jpki.verify.SignatureVerifier;
import dev.jpki.verify.VerificationResult;
import dev.jpki.verify.revocation.RevocationSource;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorResult;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.Selector;
import org.jspecify.annotations.Nullable;
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
 * Verifying a signature of the default persona's signature key over 1 KiB: ours next to raw JDK and
 * BouncyCastle crypto, so the ratio shows our overhead over the crypto.
 *
 * <p>Raw PKCS#1 (what the card's COMPUTE DIGITAL SIGNATURE returns, docs/card-protocol.md §5.3): {@link
 * SignatureVerifier#verifyRaw} checks the signature AND validates the signer certificate (path to the
 * test root, validity, JPKI profile), so it does two RSA public operations. Its baselines: one raw JDK
 * {@code SHA256withRSA} verify (the crypto floor of the signature alone), and that plus the JDK's PKIX
 * validation of the same certificate (the same verdict from plain JDK APIs). {@code oursPrimitive}
 * is the internal PKCS#1 check alone (not public API), against the first.
 *
 * <p>CMS (attached SignedData, signed attributes with signingTime, signer certificate inside): {@link
 * SignatureVerifier#verifyCms} against raw BouncyCastle ({@code new CMSSignedData}, {@code
 * SignerInformation.verify(JcaSimpleSignerInfoVerifierBuilder)}), and that plus the JDK's PKIX
 * validation of the signer.
 *
 * <p>The signer certificate is the same JDK object in every call (raw: the caller's; CMS: the JDK
 * factory's cache returns the object parsed before), and that object remembers the key its signature
 * last verified with. So the certificate's own RSA check is free after the first call, for ours and for
 * the PKIX baselines alike: the raw ratios show the overhead over ONE RSA verification, which is what
 * "negligible CPU over raw crypto" asks about. {@link CertificateValidationBenchmark} with {@code
 * fresh=true} shows the cost with a new certificate per call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class SignatureVerificationBenchmark {
  /** Size of the signed document. */
  static final int DATA_BYTES = 1024;

  byte[] data;
  byte[] signature;
  byte[] cms;
  X509Certificate signer;
  SignatureVerifier verifier;
  CertificateFactory factory;
  CertPathValidator pkix;
  PKIXParameters params;

  /**
   * Signs the document both ways with the persona's key and checks every benchmark accepts it.
   *
   * @throws Exception if the fixture is broken
   */
  @Setup
  public void setUp() throws Exception {
    Persona p = Fixtures.persona();
    signer = p.signCertificate().orElseThrow();
    PrivateKey key = p.signKeyPair().orElseThrow().getPrivate();
    data = new byte[DATA_BYTES];
    new java.util.Random(1).nextBytes(data);
    Signature s = Signature.getInstance("SHA256withRSA"); // what the card produces over a SHA-256 DigestInfo
    s.initSign(key);
    s.update(data);
    signature = s.sign();
    cms = cms(data, key, signer);
    CertificateValidator validator = Fixtures.testProfile(CertificateValidator.builder().trustAnchors(Fixtures.anchors())
        .revocation(RevocationSource.none()).clock(Fixtures.CLOCK)).build();
    verifier = SignatureVerifier.builder(validator).certificateType(KeyType.SIGNATURE).build();
    factory = CertificateFactory.getInstance("X.509");
    pkix = CertPathValidator.getInstance("PKIX");
    params = Fixtures.pkixParameters();
    CertificateValidationBenchmark.check(oursRaw());
    CertificateValidationBenchmark.check(oursCms());
    if (!oursPrimitive() || !jdkRaw() || !bcCms()) {
      throw new IllegalStateException("baseline does not verify");
    }
    jdkRawPlusPkix();
    bcCmsPlusPkix();
  }

  /** An attached CMS SignedData as a client signing with the card would build it (BouncyCastle). */
  static byte[] cms(byte[] content, PrivateKey key, X509Certificate cert)
      throws OperatorCreationException, GeneralSecurityException, CMSException, java.io.IOException {
    ASN1EncodableVector v = new ASN1EncodableVector();
    Date signingTime = Date.from(TestPki.REFERENCE_TIME.minusSeconds(3600));
    v.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(signingTime))));
    JcaSignerInfoGeneratorBuilder sib = new JcaSignerInfoGeneratorBuilder(
        new JcaDigestCalculatorProviderBuilder().build());
    sib.setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(v)));
    CMSSignedDataGenerator g = new CMSSignedDataGenerator();
    g.addSignerInfoGenerator(sib.build(new JcaContentSignerBuilder("SHA256withRSA").build(key), cert));
    g.addCertificates(new JcaCertStore(Collections.singletonList(cert)));
    return g.generate(new CMSProcessableByteArray(content), true).getEncoded();
  }

  // ------------------------------------------------------------------ raw PKCS#1

  /**
   * Ours: signature plus full validation of the signer certificate.
   *
   * @return the verdict
   */
  @Benchmark
  public VerificationResult oursRaw() {
    return verifier.verifyRaw(signature, data, signer);
  }

  /**
   * Ours, internal primitive only: hash, DigestInfo, RSA recover and compare (no certificate checks).
   *
   * @return true if it verifies
   * @throws GeneralSecurityException never
   */
  @Benchmark
  public boolean oursPrimitive() throws GeneralSecurityException {
    byte[] expected = HashAlgorithm.SHA256.digestInfo(HashAlgorithm.SHA256.digest(data));
    // The same three steps jpki-verify's internal PKCS#1 primitive takes (RSA public operation with the
    // JDK's PKCS#1 v1.5 unpadding, then a constant-time compare), written here because benchmarks use
    // public API only.
    Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
    rsa.init(Cipher.DECRYPT_MODE, signer.getPublicKey());
    return MessageDigest.isEqual(rsa.doFinal(signature), expected);
  }

  /**
   * Baseline: raw JDK {@code SHA256withRSA} verify with the certificate's key.
   *
   * @return true if it verifies
   * @throws GeneralSecurityException never
   */
  @Benchmark
  public boolean jdkRaw() throws GeneralSecurityException {
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initVerify(signer.getPublicKey());
    s.update(data);
    return s.verify(signature);
  }

  /**
   * Baseline with the same verdict: raw JDK verify plus JDK PKIX validation of the signer (no profile).
   *
   * @return the PKIX result
   * @throws GeneralSecurityException if either fails
   */
  @Benchmark
  public CertPathValidatorResult jdkRawPlusPkix() throws GeneralSecurityException {
    if (!jdkRaw()) {
      throw new java.security.SignatureException("bad signature");
    }
    return pkix.validate(Fixtures.path(factory, signer), params);
  }

  // ------------------------------------------------------------------ CMS

  /**
   * Ours: CMS parse, attribute profile, signature, signer certificate validation.
   *
   * @return the verdict
   */
  @Benchmark
  public VerificationResult oursCms() {
    return verifier.verifyCms(cms);
  }

  /**
   * Baseline: raw BouncyCastle, parse and {@code SignerInformation.verify} with the embedded
   * certificate (no path validation).
   *
   * @return true if it verifies
   * @throws Exception never
   */
  @Benchmark
  public boolean bcCms() throws Exception {
    return bcVerify() != null;
  }

  /**
   * Baseline with about the same verdict: raw BouncyCastle CMS verify, then the embedded signer
   * certificate converted to the JDK type and validated with the JDK's PKIX.
   *
   * @return the PKIX result
   * @throws Exception if either fails
   */
  @Benchmark
  public CertPathValidatorResult bcCmsPlusPkix() throws Exception {
    X509CertificateHolder holder = bcVerify();
    if (holder == null) {
      throw new java.security.SignatureException("bad signature");
    }
    X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
    return pkix.validate(Fixtures.path(factory, cert), params);
  }

  /** The signer's certificate if the single SignerInfo verifies, else null. */
  @SuppressWarnings("unchecked")
  private @Nullable X509CertificateHolder bcVerify() throws CMSException, OperatorCreationException,
      java.security.cert.CertificateException {
    CMSSignedData sd = new CMSSignedData(cms);
    SignerInformation si = sd.getSignerInfos().getSigners().iterator().next();
    Selector<X509CertificateHolder> sid = (Selector<X509CertificateHolder>) (Selector<?>) si.getSID();
    X509CertificateHolder cert = sd.getCertificates().getMatches(sid).iterator().next();
    return si.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert)) ? cert : null;
  }
}
