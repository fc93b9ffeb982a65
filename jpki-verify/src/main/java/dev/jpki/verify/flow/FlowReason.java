// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import dev.jpki.verify.Status;

/**
 * Why a flow did not succeed, one code per kind of bad input (docs/faq-flows.md). Each code has a
 * {@link #severity()}: a result is INVALID if any reason is INVALID, else INDETERMINATE if there is any
 * reason. Card-side failures (a wrong 照合番号B with its remaining tries, a blocked one) are thrown by the
 * collectors in jpki-core before evidence exists.
 */
public enum FlowReason {
  /** The evidence bytes are malformed, or a required field or file is missing or unparsable. */
  EVIDENCE_MALFORMED(Status.INVALID),
  /** The evidence was collected for another flow or pattern. */
  WRONG_EVIDENCE_KIND(Status.INVALID),
  /** The card signed a challenge other than the one given to the verifier (a foreign challenge). */
  CHALLENGE_MISMATCH(Status.INVALID),
  /** The challenge was not issued by this verifier or was already used (a replay). */
  CHALLENGE_UNKNOWN(Status.INVALID),
  /** The challenge expired before the evidence arrived. */
  CHALLENGE_EXPIRED(Status.INVALID),
  /**
   * The CVC's issuer key (e.g. {@code 5000023/001}) is not configured. Production J-LIS issuer keys are
   * not public: obtain them from J-LIS and configure them by key id.
   */
  ISSUER_KEY_NOT_CONFIGURED(Status.INDETERMINATE),
  /** The card-verifiable certificate does not verify with the configured issuer key (does not chain). */
  CVC_INVALID(Status.INVALID),
  /** The card face or age record signature does not verify: the chip data is not genuine. */
  CARD_DATA_SIGNATURE_INVALID(Status.INVALID),
  /** The card key's signature over the challenge does not verify: no live chip with that key. */
  LIVENESS_FAILED(Status.INVALID),
  /** The birth date read by OCR differs from the chip's. */
  OCR_BIRTH_DATE_MISMATCH(Status.INVALID),
  /** The expiry year read by OCR differs from the chip's. */
  OCR_EXPIRY_YEAR_MISMATCH(Status.INVALID),
  /** The JPKI key's signature over the challenge does not verify with the certificate. */
  SIGNATURE_INVALID(Status.INVALID),
  /** The certificate is not acceptable: path, profile, type, algorithm or structure. */
  CERTIFICATE_INVALID(Status.INVALID),
  /** The certificate has expired (or is not yet valid). */
  CERTIFICATE_EXPIRED(Status.INVALID),
  /** The certificate is revoked; the message gives the reason and what the holder must do. */
  CERTIFICATE_REVOKED(Status.INVALID),
  /** Revocation could not be checked (no source answered): never treated as valid. */
  REVOCATION_UNAVAILABLE(Status.INDETERMINATE),
  /** The birth date's year is unknown, so no age can be given. */
  BIRTH_DATE_UNKNOWN(Status.INDETERMINATE),
  /** The card's expiry date has passed. */
  CARD_EXPIRED(Status.INVALID),
  /** The card is not registered for PIN-less confirmation (first visit needs the PIN). */
  NOT_REGISTERED(Status.INVALID),
  /** The card differs from the one registered for the account. */
  DIFFERENT_CARD(Status.INVALID),
  /** The card is registered, but its authentication certificate is not the registered one (renewed). */
  CERTIFICATE_CHANGED(Status.INVALID),
  /** The registration store could not answer. */
  REGISTRATION_STORE_UNAVAILABLE(Status.INDETERMINATE);

  private final Status severity;

  FlowReason(Status severity) {
    this.severity = severity;
  }

  /**
   * Returns the status this reason implies.
   *
   * @return INVALID or INDETERMINATE
   */
  public Status severity() {
    return severity;
  }
}
