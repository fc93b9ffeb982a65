package dev.jpki.verify;

import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * A login challenge: random bytes the client signs with the card's authentication key, and when it
 * expires. Single use: {@link LoginVerifier#verify} consumes it.
 */
public final class Challenge {
  private final byte[] value;
  private final Instant expiresAt;

  Challenge(byte[] value, Instant expiresAt) {
    this.value = value.clone();
    this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /**
   * Returns the bytes to sign.
   *
   * @return a copy of the random challenge
   */
  public byte[] value() {
    return value.clone();
  }

  /**
   * Returns the challenge as URL-safe Base64 without padding, e.g. for a JSON response.
   *
   * @return the encoded value
   */
  public String encoded() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
  }

  /**
   * Returns when the challenge stops being accepted.
   *
   * @return the expiry instant
   */
  public Instant expiresAt() {
    return expiresAt;
  }

  @Override
  public String toString() {
    return "Challenge[expiresAt=" + expiresAt + "]";
  }
}
