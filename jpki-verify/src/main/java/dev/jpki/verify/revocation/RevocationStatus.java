// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.revocation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link RevocationSource} says about one certificate at one time. Only {@link Kind#GOOD} lets a
 * verification be VALID; {@link Kind#UNKNOWN} and {@link Kind#UNAVAILABLE} make it INDETERMINATE.
 */
public final class RevocationStatus {
  /** The kinds of answer. */
  public enum Kind {
    /** The source vouches that the certificate is not revoked. */
    GOOD,
    /** The certificate is revoked (or on hold). */
    REVOKED,
    /** The source has no information about this certificate (OCSP "unknown", CRL out of scope). */
    UNKNOWN,
    /** The source could not answer: unreachable, stale, badly signed, or not configured for this issuer. */
    UNAVAILABLE
  }

  private final Kind kind;
  private final @Nullable RevocationReason reason;
  private final @Nullable Instant revocationTime;
  private final String source;
  private final String detail;

  private RevocationStatus(Kind kind, @Nullable RevocationReason reason, @Nullable Instant revocationTime,
      String source, String detail) {
    this.kind = kind;
    this.reason = reason;
    this.revocationTime = revocationTime;
    this.source = Objects.requireNonNull(source, "source");
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  /**
   * The certificate is not revoked.
   *
   * @param source which source answered, e.g. {@code "CRL"}
   * @return the status
   */
  public static RevocationStatus good(String source) {
    return new RevocationStatus(Kind.GOOD, null, null, source, "not revoked");
  }

  /**
   * The certificate is revoked.
   *
   * @param reason the reason ({@link RevocationReason#UNSPECIFIED} when none was given)
   * @param revocationTime when it was revoked, if known
   * @param source which source answered
   * @return the status
   */
  public static RevocationStatus revoked(RevocationReason reason, @Nullable Instant revocationTime, String source) {
    return new RevocationStatus(Kind.REVOKED, Objects.requireNonNull(reason, "reason"), revocationTime, source,
        "revoked: " + reason.description());
  }

  /**
   * The source does not know the certificate.
   *
   * @param source which source answered
   * @param detail why, without personal data
   * @return the status
   */
  public static RevocationStatus unknown(String source, String detail) {
    return new RevocationStatus(Kind.UNKNOWN, null, null, source, detail);
  }

  /**
   * The source could not answer.
   *
   * @param source which source failed
   * @param detail why (unreachable, stale, bad signature…), without personal data
   * @return the status
   */
  public static RevocationStatus unavailable(String source, String detail) {
    return new RevocationStatus(Kind.UNAVAILABLE, null, null, source, detail);
  }

  /**
   * Returns the kind of answer.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Returns the revocation reason.
   *
   * @return the reason for {@link Kind#REVOKED}, else empty
   */
  public Optional<RevocationReason> reason() {
    return Optional.ofNullable(reason);
  }

  /**
   * Returns the revocation time.
   *
   * @return when revoked, if the source said so
   */
  public Optional<Instant> revocationTime() {
    return Optional.ofNullable(revocationTime);
  }

  /**
   * Returns the source that answered.
   *
   * @return a short name
   */
  public String source() {
    return source;
  }

  /**
   * Returns a description of the answer.
   *
   * @return text without personal data
   */
  public String detail() {
    return detail;
  }

  @Override
  public String toString() {
    return "RevocationStatus[" + kind + (reason != null ? " " + reason : "") + ", " + source + ": " + detail + "]";
  }
}
