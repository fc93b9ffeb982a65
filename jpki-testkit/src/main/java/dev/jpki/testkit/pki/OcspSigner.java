// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

/** Who signs the test OCSP responses (RFC 6960 §4.2.2.2), for positive and negative tests. */
public enum OcspSigner {
  /** The issuing root itself; no certificate in the response. */
  CA,
  /**
   * A responder certificate issued by the root with {@code id-kp-OCSPSigning} and {@code
   * id-pkix-ocsp-nocheck}; included in the response. The default.
   */
  AUTHORIZED_RESPONDER,
  /** A responder certificate issued by the root but WITHOUT {@code id-kp-OCSPSigning}: must fail. */
  RESPONDER_WITHOUT_OCSP_SIGNING,
  /**
   * A responder certificate with {@code id-kp-OCSPSigning} issued by the foreign same-DN root, i.e. by a
   * key the verifier does not trust: must fail.
   */
  UNAUTHORIZED
}
