// SPDX-License-Identifier: Apache-2.0
package dev.jpki.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The message a card signs with its user-authentication key to log in: a fixed ASCII label, the relying
 * party's origin and the server's challenge, each length-prefixed.
 *
 * <pre>
 *   "jpki-java login v1" 0x00 || len(origin) (2 bytes, big-endian) || origin (ASCII)
 *                             || len(challenge) (2 bytes, big-endian) || challenge
 * </pre>
 *
 * <p>The card signs SHA-256 of these bytes (DigestInfo, PKCS#1 v1.5, docs/card-protocol.md §5.3); the
 * server ({@code dev.jpki.verify.LoginVerifier}) rebuilds the same bytes with its own origin. Why the
 * label and the origin:
 *
 * <ul>
 *   <li>The label means a login signature is never a signature over a document a relying party chose:
 *       whatever "challenge" a malicious server sends, the signed bytes start with the label, which no
 *       document or CMS signed-attributes encoding does.
 *   <li>The origin is the one the holder's software actually connected to, not one the server claims. A
 *       malicious site that relays another site's challenge gets a signature bound to its own origin,
 *       which the other site refuses.
 * </ul>
 *
 * <p>Both sides must agree on the origin's spelling, so {@link #origin(String)} normalises it: lower-case
 * scheme and host, no default port, no path, query or user information.
 */
public final class LoginMessage {
  private static final byte[] LABEL = "jpki-java login v1\0".getBytes(StandardCharsets.US_ASCII);
  /** The longest origin accepted, in characters (a DNS name is at most 253). */
  public static final int MAX_ORIGIN_LENGTH = 300;
  /** The shortest challenge accepted, in bytes (128 bits of randomness). */
  public static final int MIN_CHALLENGE_BYTES = 16;
  /** The longest challenge accepted, in bytes. */
  public static final int MAX_CHALLENGE_BYTES = 256;

  private LoginMessage() {}

  /**
   * Normalises a URL or origin to the origin a login is bound to: {@code scheme://host[:port]} with a
   * lower-case http/https scheme and host and without the scheme's default port.
   *
   * @param url e.g. {@code https://Login.Example.JP:443/challenge?x=1}
   * @return e.g. {@code https://login.example.jp}
   * @throws IllegalArgumentException if it is not an absolute http(s) URL with an ASCII host
   */
  public static String origin(String url) {
    URI u;
    try {
      u = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: " + e.getReason(), e);
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException("the origin must be an http or https URL");
    }
    String host = u.getHost();
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("the URL has no host");
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        // Internationalised names must arrive in their ASCII (punycode) form, or both sides could
        // normalise them differently.
        throw new IllegalArgumentException("the host must be ASCII (use the punycode form)");
      }
    }
    int port = u.getPort();
    boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
    String origin = scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    if (origin.length() > MAX_ORIGIN_LENGTH) {
      throw new IllegalArgumentException("the origin is longer than " + MAX_ORIGIN_LENGTH + " characters");
    }
    return origin;
  }

  /**
   * Encodes the message for an origin and a challenge.
   *
   * @param origin the relying party's origin; normalised with {@link #origin(String)}
   * @param challenge the server's challenge, {@value #MIN_CHALLENGE_BYTES} to {@value #MAX_CHALLENGE_BYTES}
   *     bytes
   * @return the bytes whose SHA-256 the card signs
   * @throws IllegalArgumentException if the origin is not an http(s) origin or the challenge length is
   *     out of range
   */
  public static byte[] encode(String origin, byte[] challenge) {
    if (challenge.length < MIN_CHALLENGE_BYTES || challenge.length > MAX_CHALLENGE_BYTES) {
      throw new IllegalArgumentException("a login challenge must be " + MIN_CHALLENGE_BYTES + " to "
          + MAX_CHALLENGE_BYTES + " bytes, not " + challenge.length);
    }
    byte[] o = origin(origin).getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[LABEL.length + 2 + o.length + 2 + challenge.length];
    int p = 0;
    System.arraycopy(LABEL, 0, out, p, LABEL.length);
    p += LABEL.length;
    out[p++] = (byte) (o.length >> 8);
    out[p++] = (byte) o.length;
    System.arraycopy(o, 0, out, p, o.length);
    p += o.length;
    out[p++] = (byte) (challenge.length >> 8);
    out[p++] = (byte) challenge.length;
    System.arraycopy(challenge, 0, out, p, challenge.length);
    return out;
  }

  /**
   * Returns SHA-256 of {@link #encode}: the hash the card signs.
   *
   * @param origin the relying party's origin
   * @param challenge the server's challenge
   * @return 32 bytes
   * @throws IllegalArgumentException as {@link #encode}
   */
  public static byte[] sha256(String origin, byte[] challenge) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(encode(origin, challenge));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }
}
