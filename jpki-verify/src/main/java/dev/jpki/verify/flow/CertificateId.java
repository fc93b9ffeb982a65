// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * Identifies one certificate by its issuer (RFC 2253) and serial number, the pair the J-LIS link
 * information (証明書新旧紐付け情報) and revocation lists use. Carries no subject data. Immutable.
 */
public final class CertificateId {
  private final String issuer;
  private final BigInteger serial;

  private CertificateId(String issuer, BigInteger serial) {
    if (issuer.isEmpty()) {
      throw new IllegalArgumentException("issuer is empty");
    }
    if (serial.signum() < 0) {
      throw new IllegalArgumentException("serial is negative");
    }
    this.issuer = issuer;
    this.serial = serial;
  }

  /**
   * Creates an id from its parts.
   *
   * @param issuer the issuer name in RFC 2253 form
   * @param serial the serial number
   * @return the id
   * @throws IllegalArgumentException if the issuer is empty or the serial negative
   */
  public static CertificateId of(String issuer, BigInteger serial) {
    return new CertificateId(Objects.requireNonNull(issuer, "issuer"), Objects.requireNonNull(serial, "serial"));
  }

  /**
   * Creates the id of a certificate.
   *
   * @param certificate the certificate
   * @return its issuer and serial number
   */
  public static CertificateId of(X509Certificate certificate) {
    return new CertificateId(certificate.getIssuerX500Principal().getName(), certificate.getSerialNumber());
  }

  /**
   * Returns the issuer name.
   *
   * @return RFC 2253 issuer name
   */
  public String issuer() {
    return issuer;
  }

  /**
   * Returns the serial number.
   *
   * @return the serial number
   */
  public BigInteger serial() {
    return serial;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CertificateId
        && issuer.equals(((CertificateId) o).issuer)
        && serial.equals(((CertificateId) o).serial);
  }

  @Override
  public int hashCode() {
    return issuer.hashCode() * 31 + serial.hashCode();
  }

  /** Issuer and serial: the issuer is a J-LIS CA, the serial is not personal data. */
  @Override
  public String toString() {
    return "CertificateId[" + issuer + ", serial=" + serial.toString(16) + "]";
  }
}
