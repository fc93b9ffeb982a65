// SPDX-License-Identifier: Apache-2.0
package dev.jpki.examples;

import dev.jpki.card.KeyType;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.pki.TestOcspServer;
import dev.jpki.testkit.pki.TestPki;
import dev.jpki.verify.CertificateValidator;
import dev.jpki.verify.TrustAnchors;
import dev.jpki.verify.VerificationResult;
import dev.jpki.verify.revocation.RevocationSource;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

/**
 * Validates a certificate with revocation from a CRL file, and from an OCSP responder: path to a trust
 * anchor, validity, JPKI profile, and whether the issuer revoked it. When the revocation source cannot
 * answer, the result is INDETERMINATE, never VALID. Run: {@code java ... dev.jpki.examples.VerifyWithCrlAndOcsp}
 * (the test PKI's {@code default} and {@code revoked} personas against a local test responder).
 */
public final class VerifyWithCrlAndOcsp {
  private VerifyWithCrlAndOcsp() {}

  /**
   * Validates a certificate with one revocation source.
   *
   * @param certificate the certificate
   * @param validator the validator's other settings, e.g. {@code
   *     CertificateValidator.builder().trustAnchors(TrustAnchors.production())}
   * @param revocation e.g. {@code RevocationSource.crlFile(path)} or {@code RevocationSource.ocsp(uri)}
   * @return the verdict
   */
  public static VerificationResult validate(X509Certificate certificate, CertificateValidator.Builder validator,
      RevocationSource revocation) {
    return validator.revocation(revocation).build().validate(certificate);
  }

  /**
   * Entry point: no arguments, or {@code CRL_FILE} to use that CRL for the personas' certificates.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    ExampleMain.run("VerifyWithCrlAndOcsp", () -> {
      TestPki pki = TestPki.get();
      TrustAnchors anchors = TrustAnchors.builder().add(pki.root(KeyType.SIGNATURE), KeyType.SIGNATURE).build();
      // the test PKI's certificates carry the test hierarchy's policies
      CertificateValidator.Builder validator = CertificateValidator.builder().trustAnchors(anchors).acceptTestHierarchy();
      try (TestOcspServer ocsp = TestOcspServer.start(pki, 0)) {
        for (String persona : new String[] {"default", "revoked"}) {
          X509Certificate cert = Personas.get(persona).signCertificate().orElseThrow();
          RevocationSource crl = args.length > 0 ? RevocationSource.crlFile(Path.of(args[0]))
              : RevocationSource.crlUrl(ocsp.crlUri(KeyType.SIGNATURE));
          URI responder = ocsp.ocspUri();
          System.out.println(persona + ": CRL " + validate(cert, validator, crl).status()
              + ", OCSP " + validate(cert, validator, RevocationSource.ocsp(responder)).status());
        }
      }
    });
  }
}
