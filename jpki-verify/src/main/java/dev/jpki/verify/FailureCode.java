// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

/**
 * Machine-readable reasons a verification did not succeed. Each code has a fixed {@link #severity()}:
 * a result is INVALID if any failure has severity INVALID, else INDETERMINATE if any failure exists.
 */
public enum FailureCode {
  /** The input bytes are malformed, truncated, oversized or of the wrong type. */
  MALFORMED_INPUT(Status.INVALID),
  /** No path from the certificate to a configured trust anchor (issuer key unknown). */
  UNTRUSTED_ISSUER(Status.INVALID),
  /** A certificate's signature does not verify with the key of the issuer its key identifier names. */
  BAD_CERTIFICATE_SIGNATURE(Status.INVALID),
  /** The issuer found by signature has a subject DN different from the certificate's issuer DN. */
  ISSUER_NAME_MISMATCH(Status.INVALID),
  /** A certificate's notAfter is before the verification time. */
  EXPIRED(Status.INVALID),
  /** A certificate's notBefore is after the verification time. */
  NOT_YET_VALID(Status.INVALID),
  /** Key usage missing, not critical, or not the one the profile requires. */
  KEY_USAGE(Status.INVALID),
  /** Basic constraints: a leaf marked CA, or an issuer that is not a CA or exceeds its path length. */
  BASIC_CONSTRAINTS(Status.INVALID),
  /** The leaf carries none of the certificate policy OIDs accepted for its type. */
  POLICY(Status.INVALID),
  /** The certificate does not match the JPKI profile (docs/card-protocol.md §9): wrong type, missing or unexpected data. */
  PROFILE(Status.INVALID),
  /** A signature or digest algorithm or key size that is not accepted. */
  WEAK_ALGORITHM(Status.INVALID),
  /** A critical extension this verifier does not process. */
  UNSUPPORTED_CRITICAL_EXTENSION(Status.INVALID),
  /** The certificate is revoked; see {@link Failure#revocationReason()}. */
  REVOKED(Status.INVALID),
  /** No configured revocation source knows the certificate (e.g. OCSP "unknown", CRL out of scope). */
  REVOCATION_UNKNOWN(Status.INDETERMINATE),
  /** A revocation source could not answer: unreachable, stale, or its data was badly signed. */
  REVOCATION_UNAVAILABLE(Status.INDETERMINATE),
  /** The signature value does not verify with the signer's key. */
  BAD_SIGNATURE(Status.INVALID),
  /** A digest (CMS messageDigest, a raw DigestInfo, a card-data hash) does not match the data. */
  DIGEST_MISMATCH(Status.INVALID),
  /** A CMS structure lacks what this verifier requires (signed attributes, content type, signer). */
  CMS_PROFILE(Status.INVALID),
  /** The signer certificate is not in the CMS structure nor among the supplied certificates. */
  SIGNER_CERTIFICATE_NOT_FOUND(Status.INVALID),
  /** A login challenge is unknown or was already used (replay). */
  CHALLENGE_UNKNOWN(Status.INVALID),
  /** A login challenge expired before the response arrived. */
  CHALLENGE_EXPIRED(Status.INVALID),
  /** The challenge store could not be reached: the login can be neither accepted nor refused. */
  CHALLENGE_STORE_UNAVAILABLE(Status.INDETERMINATE),
  /** No issuer key is configured for a card-verifiable certificate's issuer key id. */
  UNKNOWN_ISSUER_KEY(Status.INDETERMINATE),

  // The FAQ flows (dev.jpki.verify.flow, docs/faq-flows.md).

  /** The card key's signature over the verifier's challenge does not verify: no live chip with that key. */
  LIVENESS_FAILED(Status.INVALID),
  /** A card-face field read by OCR (birth date, expiry year) differs from the chip's. */
  OCR_MISMATCH(Status.INVALID),
  /** The birth date's year is unknown, so no age can be given. */
  BIRTH_DATE_UNKNOWN(Status.INDETERMINATE),
  /** The card's own expiry date has passed. */
  CARD_EXPIRED(Status.INVALID),
  /** The card is not registered for PIN-less confirmation (the first visit needs the authentication PIN). */
  NOT_REGISTERED(Status.INVALID),
  /** The card differs from the one registered for the claimed account. */
  DIFFERENT_CARD(Status.INVALID),
  /** The card is registered, but its authentication certificate is not the registered one (renewed). */
  CERTIFICATE_CHANGED(Status.INVALID),
  /** The registration store could not answer: no match is reported. */
  REGISTRATION_STORE_UNAVAILABLE(Status.INDETERMINATE);

  private final Status severity;

  FailureCode(Status severity) {
    this.severity = severity;
  }

  /**
   * Returns the status a failure with this code implies.
   *
   * @return {@link Status#INVALID} or {@link Status#INDETERMINATE}
   */
  public Status severity() {
    return severity;
  }
}
