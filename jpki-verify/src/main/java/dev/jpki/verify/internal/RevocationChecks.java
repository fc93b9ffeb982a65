// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.internal;

import dev.jpki.verify.revocation.RevocationSource;
import dev.jpki.verify.revocation.RevocationStatus;
import java.security.cert.X509Certificate;
import java.time.Instant;

/** Calls revocation sources defensively; shared by the validator and the composite source. */
public final class RevocationChecks {
  private RevocationChecks() {}

  /**
   * Runs a source and turns a thrown exception into UNAVAILABLE (sources must not throw, but a
   * third-party one might).
   *
   * @param source the source
   * @param cert the certificate
   * @param issuer its issuer
   * @param at the verification time
   * @return the answer, never null
   */
  public static RevocationStatus safeCheck(RevocationSource source, X509Certificate cert, X509Certificate issuer,
      Instant at) {
    try {
      RevocationStatus s = source.check(cert, issuer, at);
      return s != null ? s : RevocationStatus.unavailable(source.getClass().getSimpleName(), "no answer");
    } catch (RuntimeException e) {
      return RevocationStatus.unavailable(source.getClass().getSimpleName(),
          "source failed: " + e.getClass().getSimpleName());
    }
  }
}
