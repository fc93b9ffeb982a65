// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * A login challenge: random bytes the holder's card signs (bound to the relying party's origin, see
 * {@link dev.jpki.card.JpkiApplet#signLogin}), the session it was issued to, and when it expires. Single use:
 * {@link LoginVerifier#verify} consumes it.
 */
public final class Challenge {
  private final byte[] value;
  private final String session;
  private final Instant expiresAt;

  Challenge(byte[] value, String session, Instant expiresAt) {
    this.value = value.clone();
    this.session = Objects.requireNonNull(session, "session");
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
   * Returns the challenge as URL-safe Base64 without padding, e.g. for a JSON response. This is also
   * the form {@link LoginVerifier#verify(String, byte[], byte[])} takes back.
   *
   * @return the encoded value
   */
  public String encoded() {
    return encode(value);
  }

  static String encode(byte[] value) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
  }

  /**
   * Returns the session the challenge was issued to; a successful login reports it back
   * ({@link LoginResult#session()}) so the server knows which waiting session to log in.
   *
   * @return the session identifier
   */
  public String session() {
    return session;
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
