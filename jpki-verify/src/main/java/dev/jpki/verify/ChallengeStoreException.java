// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A challenge store refused to issue or could not look up a login challenge. A server answers it with a
 * "try again later" (HTTP 503), never with a login: {@link LoginVerifier#verify} turns an unreachable store
 * into an INDETERMINATE result with {@link FailureCode#CHALLENGE_STORE_UNAVAILABLE}.
 */
public final class ChallengeStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the store refused. */
  public enum Reason {
    /** The store holds as many unexpired challenges as it may; new ones are refused until some expire. */
    FULL,
    /** The backing store (e.g. a database) could not be reached or failed. */
    UNAVAILABLE
  }

  private final Reason reason;

  /**
   * Creates an exception.
   *
   * @param reason why
   * @param message what happened, without challenge values or session identifiers
   * @param cause the underlying failure, if any
   */
  public ChallengeStoreException(Reason reason, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Returns why the store refused.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
