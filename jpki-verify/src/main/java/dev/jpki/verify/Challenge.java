// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A login challenge: random bytes the holder's card signs (bound to the relying party's origin, see
 * {@link dev.jpki.card.JpkiApplet#signLogin}), the session it was issued to, and when it expires. Single use:
 * {@link LoginVerifier#verify} consumes it.
 */
public final class Challenge {
  /** The longest session identifier (characters) a challenge may carry and a store must keep. */
  public static final int MAX_SESSION_LENGTH = 128;

  private final byte[] value;
  private final String session;
  private final Instant expiresAt;

  Challenge(byte[] value, String session, Instant expiresAt) {
    this.value = value.clone();
    this.session = checkSession(session);
    this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /**
   * Rebuilds a challenge that a {@link ChallengeStore} kept: a store needs to keep only {@link #encoded()},
   * the session and the expiry.
   *
   * @param encoded the challenge as {@link #encoded()} gives it
   * @param session the session it was issued to
   * @param expiresAt when it expires
   * @return the challenge
   * @throws IllegalArgumentException if {@code encoded} is not unpadded base64url, or the session is empty
   *     or longer than {@link #MAX_SESSION_LENGTH}
   */
  public static Challenge of(String encoded, String session, Instant expiresAt) {
    byte[] v;
    try {
      v = Base64.getUrlDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an encoded challenge (unpadded base64url)", e);
    }
    if (v.length == 0 || !encode(v).equals(encoded)) {
      throw new IllegalArgumentException("not an encoded challenge (unpadded base64url)");
    }
    return new Challenge(v, session, expiresAt);
  }

  static String checkSession(String session) {
    if (session.isEmpty() || session.length() > MAX_SESSION_LENGTH) {
      throw new IllegalArgumentException("a session id must be 1 to " + MAX_SESSION_LENGTH + " characters");
    }
    return session;
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
  public boolean equals(@Nullable Object o) {
    return o instanceof Challenge c && Arrays.equals(c.value, value) && c.session.equals(session)
        && c.expiresAt.equals(expiresAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(value), session, expiresAt);
  }

  // The session identifier may be a bearer token of the web session: it stays out of toString.
  @Override
  public String toString() {
    return "Challenge[expiresAt=" + expiresAt + "]";
  }
}
