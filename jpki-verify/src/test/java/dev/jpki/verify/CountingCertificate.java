// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.Principal;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.security.auth.x500.X500Principal;

/**
 * A certificate that counts the signature checks made on it ({@code verify(key)}: one RSA public-key
 * operation each) and otherwise behaves exactly like the certificate it wraps. Lets a test bound the work a
 * validation does without timing it.
 */
final class CountingCertificate extends X509Certificate {
  private final X509Certificate d;
  private final AtomicInteger verifications = new AtomicInteger();

  CountingCertificate(X509Certificate delegate) {
    this.d = delegate;
  }

  int verifications() {
    return verifications.get();
  }

  @Override
  public void verify(PublicKey key) throws CertificateException, NoSuchAlgorithmException, InvalidKeyException,
      NoSuchProviderException, SignatureException {
    verifications.incrementAndGet();
    d.verify(key);
  }

  @Override
  public void verify(PublicKey key, String sigProvider) throws CertificateException, NoSuchAlgorithmException,
      InvalidKeyException, NoSuchProviderException, SignatureException {
    verifications.incrementAndGet();
    d.verify(key, sigProvider);
  }

  @Override
  public void verify(PublicKey key, Provider sigProvider) throws CertificateException, NoSuchAlgorithmException,
      InvalidKeyException, SignatureException {
    verifications.incrementAndGet();
    d.verify(key, sigProvider);
  }

  @Override
  public void checkValidity() throws CertificateExpiredException, CertificateNotYetValidException {
    d.checkValidity();
  }

  @Override
  public void checkValidity(Date date) throws CertificateExpiredException, CertificateNotYetValidException {
    d.checkValidity(date);
  }

  @Override
  public int getVersion() {
    return d.getVersion();
  }

  @Override
  public BigInteger getSerialNumber() {
    return d.getSerialNumber();
  }

  @Override
  @SuppressWarnings("deprecation")
  public Principal getIssuerDN() {
    return d.getIssuerDN();
  }

  @Override
  @SuppressWarnings("deprecation")
  public Principal getSubjectDN() {
    return d.getSubjectDN();
  }

  @Override
  public X500Principal getIssuerX500Principal() {
    return d.getIssuerX500Principal();
  }

  @Override
  public X500Principal getSubjectX500Principal() {
    return d.getSubjectX500Principal();
  }

  @Override
  public Date getNotBefore() {
    return d.getNotBefore();
  }

  @Override
  public Date getNotAfter() {
    return d.getNotAfter();
  }

  @Override
  public byte[] getTBSCertificate() throws CertificateEncodingException {
    return d.getTBSCertificate();
  }

  @Override
  public byte[] getSignature() {
    return d.getSignature();
  }

  @Override
  public String getSigAlgName() {
    return d.getSigAlgName();
  }

  @Override
  public String getSigAlgOID() {
    return d.getSigAlgOID();
  }

  @Override
  public byte[] getSigAlgParams() {
    return d.getSigAlgParams();
  }

  @Override
  public boolean[] getIssuerUniqueID() {
    return d.getIssuerUniqueID();
  }

  @Override
  public boolean[] getSubjectUniqueID() {
    return d.getSubjectUniqueID();
  }

  @Override
  public boolean[] getKeyUsage() {
    return d.getKeyUsage();
  }

  @Override
  public List<String> getExtendedKeyUsage() throws CertificateParsingException {
    return d.getExtendedKeyUsage();
  }

  @Override
  public int getBasicConstraints() {
    return d.getBasicConstraints();
  }

  @Override
  public Collection<List<?>> getSubjectAlternativeNames() throws CertificateParsingException {
    return d.getSubjectAlternativeNames();
  }

  @Override
  public Collection<List<?>> getIssuerAlternativeNames() throws CertificateParsingException {
    return d.getIssuerAlternativeNames();
  }

  @Override
  public byte[] getEncoded() throws CertificateEncodingException {
    return d.getEncoded();
  }

  @Override
  public PublicKey getPublicKey() {
    return d.getPublicKey();
  }

  @Override
  public String toString() {
    return "CountingCertificate[" + d.getSerialNumber() + "]";
  }

  @Override
  public boolean hasUnsupportedCriticalExtension() {
    return d.hasUnsupportedCriticalExtension();
  }

  @Override
  public Set<String> getCriticalExtensionOIDs() {
    return d.getCriticalExtensionOIDs();
  }

  @Override
  public Set<String> getNonCriticalExtensionOIDs() {
    return d.getNonCriticalExtensionOIDs();
  }

  @Override
  public byte[] getExtensionValue(String oid) {
    return d.getExtensionValue(oid);
  }
}
