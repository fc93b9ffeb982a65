// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

import java.security.KeyPair;
import java.security.cert.X509Certificate;

/**
 * A certificate issued by the test PKI together with its subject key pair.
 *
 * <p>Security: {@link #toString()} shows the serial number only, never the subject (which carries
 * personal data on signature certificates).
 *
 * @param certificate the certificate
 * @param keyPair the subject key pair (test key)
 */
public record IssuedCertificate(X509Certificate certificate, KeyPair keyPair) {
  @Override
  public String toString() {
    return "IssuedCertificate[serial=" + certificate.getSerialNumber().toString(16) + "]";
  }
}
