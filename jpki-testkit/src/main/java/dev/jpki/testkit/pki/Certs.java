// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Signing and parsing helpers. PKCS#1 v1.5 with SHA-256 is deterministic, so output is stable. */
final class Certs {
  /** docs/card-protocol.md §9.1: sha256WithRSAEncryption for every JPKI certificate. */
  static final String SIG_ALG = "SHA256withRSA";

  private Certs() {}

  static ContentSigner signer(PrivateKey key) {
    try {
      return new JcaContentSignerBuilder(SIG_ALG).build(key);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("cannot create SHA256withRSA signer", e);
    }
  }

  static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) {
    return parse(encode(b.build(signer(key))));
  }

  static X509CRL sign(X509v2CRLBuilder b, PrivateKey key) {
    X509CRLHolder holder = b.build(signer(key));
    try {
      return (X509CRL)
          factory().generateCRL(new ByteArrayInputStream(holder.getEncoded()));
    } catch (java.io.IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot parse generated CRL", e);
    }
  }

  static X509Certificate parse(byte[] der) {
    try {
      return (X509Certificate) factory().generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new IllegalStateException("cannot parse generated certificate", e);
    }
  }

  private static byte[] encode(org.bouncycastle.cert.X509CertificateHolder holder) {
    try {
      return holder.getEncoded();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot encode generated certificate", e);
    }
  }

  static CertificateFactory factory() {
    try {
      return CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("X.509 CertificateFactory missing", e);
    }
  }
}
