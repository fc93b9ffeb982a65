// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import dev.jpki.verify.internal.ResultBuilder;
import dev.jpki.card.KeyType;
import dev.jpki.internal.LoginMessage;
import dev.jpki.internal.Hex;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Challenge-response login with the card's user-authentication key (利用者証明用電子証明書).
 *
 * <ol>
 *   <li>The server calls {@link #newChallenge(String)} for the visitor's session and sends
 *       {@link Challenge#encoded()} to the client.
 *   <li>The holder's software signs the login message ({@link dev.jpki.card.JpkiApplet#signLogin}) that binds the challenge to the origin it
 *       connected to ({@code JpkiApplet.signLogin(origin, challenge)}: SHA-256, PKCS#1 v1.5, auth key) and
 *       returns the signature with the authentication certificate.
 *   <li>The server calls {@link #verify(String, byte[], byte[])}: the challenge must be outstanding and
 *       unexpired (it is consumed either way, so a replay fails), the signature must verify over the
 *       message rebuilt with this server's {@linkplain Builder#origin origin}, and the certificate must
 *       validate, including revocation.
 * </ol>
 *
 * <p><b>Why a labelled message.</b> Signing the bare challenge would let a malicious relying party send a
 * document (or its hash) as its "challenge" and collect a signature over it, and would let it relay
 * another site's challenge to the holder and log in there. The label makes a login signature unusable as
 * a document signature; the origin makes it unusable at any other site.
 *
 * <p><b>Cost of a bad request.</b> An unknown, replayed or expired challenge is refused before the
 * certificate is parsed and before any chain, revocation or RSA work, so guessing challenges costs the
 * server one store lookup.
 *
 * <p><b>Bounded challenges.</b> Each session holds a few outstanding challenges (asking for more evicts
 * its oldest); the whole store is capped and refuses with {@link ChallengeStoreException} ({@code FULL})
 * rather than growing, and a store that is down gives an INDETERMINATE result, never a login.
 *
 * <p><b>Subject identifier.</b> A VALID login yields {@link #subjectId}: lower-case hex of SHA-256 over a
 * fixed label and the certificate's subjectPublicKeyInfo. It identifies the card's key pair, does not
 * depend on the (shared) issuer DN, and reveals nothing about the holder. It changes when the certificate
 * is renewed (new key pair, at the latest at the 5th birthday after issue, or after re-issue of the card):
 * to follow a person across renewals a service needs J-LIS's 証明書新旧紐付け information through a platform
 * operator (docs/card-protocol.md §11, docs/faq-flows.md).
 *
 * <p><b>Personal data.</b> The authentication certificate carries no name, address, date of birth or sex
 * (docs/card-protocol.md §9.4): a login proves control of a genuine card, not who the holder is. Identity
 * attributes come only from the signature certificate ({@link BasicFourInfo}).
 *
 * <p>Thread-safe.
 */
public final class LoginVerifier {
  private static final byte[] SUBJECT_ID_LABEL = "jpki-java subject v1\0".getBytes(StandardCharsets.US_ASCII);
  /** Longest encoded challenge looked up at all: Base64 of the longest challenge (256 bytes). */
  private static final int MAX_ENCODED_CHALLENGE = (LoginMessage.MAX_CHALLENGE_BYTES * 4 + 2) / 3;

  private final SignatureVerifier signatures;
  private final ChallengeStore store;
  private final Clock clock;
  private final Duration ttl;
  private final int challengeBytes;
  private final SecureRandom random;
  private final String origin;

  private LoginVerifier(Builder b, String origin) {
    SignatureVerifier.Builder sb = SignatureVerifier.builder(b.validator).certificateType(b.certificateType);
    Provider p = b.provider;
    if (p != null) {
      sb.provider(p);
    }
    this.signatures = sb.build();
    this.clock = b.validator.clock();
    this.ttl = b.ttl;
    this.challengeBytes = b.challengeBytes;
    this.random = b.random;
    this.origin = origin;
    ChallengeStore s = b.store;
    this.store = s != null ? s : ChallengeStore.inMemory(b.capacity, b.perSession, clock);
  }

  /**
   * Starts a builder around a configured certificate validator.
   *
   * <pre>{@code
   * LoginVerifier logins = LoginVerifier.builder(validator).origin("https://login.example.jp").build();
   * }</pre>
   *
   * @param validator checks the authentication certificates: its trust anchors, revocation source,
   *     profile and limits apply to every login, and its clock times both the verification and the
   *     challenges' expiry
   * @return a builder
   */
  public static Builder builder(CertificateValidator validator) {
    return new Builder(validator);
  }

  /**
   * Returns the certificate validator logins are checked with.
   *
   * @return the validator given to {@link #builder(CertificateValidator)}
   */
  CertificateValidator validator() {
    return signatures.validator();
  }

  /**
   * Returns the origin logins are bound to.
   *
   * @return the normalised origin, e.g. {@code https://login.example.jp}
   */
  String origin() {
    return origin;
  }

  /**
   * Issues a fresh random challenge in a session of its own. Prefer {@link #newChallenge(String)} in a web
   * server: anonymous challenges are bounded only by the store's capacity.
   *
   * @return the challenge, valid until now + the configured time to live
   * @throws ChallengeStoreException if the store is full ({@code FULL}) or unreachable ({@code UNAVAILABLE})
   */
  public Challenge newChallenge() {
    byte[] s = new byte[16];
    random.nextBytes(s);
    return newChallenge("anonymous:" + Challenge.encode(s));
  }

  /**
   * Issues a fresh random challenge for a session. A session holds a bounded number of outstanding
   * challenges: asking for more evicts its oldest, so one visitor cannot fill the store.
   *
   * @param session the caller's session identifier (opaque, 1 to 128 characters), reported back by a
   *     successful login ({@link LoginResult#session()})
   * @return the challenge, valid until now + the configured time to live
   * @throws IllegalArgumentException if the session identifier is empty or too long
   * @throws ChallengeStoreException if the store is full ({@code FULL}) or unreachable ({@code UNAVAILABLE})
   */
  public Challenge newChallenge(String session) {
    Challenge.checkSession(session);
    byte[] v = new byte[challengeBytes];
    random.nextBytes(v);
    Challenge c = new Challenge(v, session, clock.instant().plus(ttl));
    store.put(c);
    return c;
  }

  /**
   * Verifies a login response.
   *
   * @param challenge the challenge bytes
   * @param signature the raw PKCS#1 v1.5 signature over the login message ({@link dev.jpki.card.JpkiApplet#signLogin}) of this verifier's origin
   *     and the challenge
   * @param certificate the authentication certificate
   * @return the verdict and, when VALID, the subject identifier and session
   */
  public LoginResult verify(byte[] challenge, byte[] signature, X509Certificate certificate) {
    return verify(challenge, signature, certificate, Collections.emptyList());
  }

  /**
   * Verifies a login response with untrusted chain certificates.
   *
   * @param challenge the challenge bytes
   * @param signature the raw PKCS#1 v1.5 signature
   * @param certificate the authentication certificate
   * @param chain untrusted CA certificates for path building
   * @return the verdict and, when VALID, the subject identifier and session
   */
  public LoginResult verify(byte[] challenge, byte[] signature, X509Certificate certificate,
      List<X509Certificate> chain) {
    return verify(Challenge.encode(challenge), signature, () -> certificate, chain);
  }

  /**
   * Verifies a login response in its wire form (e.g. the fields of a JSON body).
   *
   * @param challenge the challenge as issued ({@link Challenge#encoded()})
   * @param signature the raw PKCS#1 v1.5 signature
   * @param certificate the authentication certificate, DER or PEM; parsed only once the challenge is
   *     known to be outstanding
   * @return the verdict and, when VALID, the subject identifier and session; a malformed certificate is
   *     INVALID with {@link FailureCode#MALFORMED_INPUT}
   */
  public LoginResult verify(String challenge, byte[] signature, byte[] certificate) {
    byte[] der = certificate.clone();
    return verify(challenge, signature, () -> Certificates.parse(der), Collections.emptyList());
  }

  /** Supplies the certificate lazily, so a refused challenge never costs a parse. */
  private interface CertificateSource {
    X509Certificate get() throws BadInputException;
  }

  private LoginResult verify(String challenge, byte[] signature, CertificateSource certificate,
      List<X509Certificate> chain) {
    Instant now = clock.instant();
    ResultBuilder r = ResultBuilder.start(now);
    if (challenge.isEmpty() || challenge.length() > MAX_ENCODED_CHALLENGE || !isBase64Url(challenge)) {
      return refused(r.add(FailureCode.CHALLENGE_UNKNOWN, "challenge was not issued here"));
    }
    Optional<Challenge> entry;
    try {
      entry = store.take(challenge); // consumed whatever happens next: single use
    } catch (ChallengeStoreException e) {
      return refused(r.add(FailureCode.CHALLENGE_STORE_UNAVAILABLE,
          "the challenge store is unavailable (" + e.reason() + "); try again later"));
    }
    // Stop here for an unknown or expired challenge: no certificate parsing, chain, revocation or RSA
    // work for a request that cannot succeed.
    if (!entry.isPresent()) {
      return refused(r.add(FailureCode.CHALLENGE_UNKNOWN, "challenge was not issued here or was already used"));
    }
    if (now.isAfter(entry.get().expiresAt())) {
      r.add(FailureCode.CHALLENGE_EXPIRED, "challenge expired at " + entry.get().expiresAt());
      return new LoginResult(r.build(), null, entry.get().session());
    }
    byte[] message;
    try {
      message = LoginMessage.encode(origin, Base64.getUrlDecoder().decode(challenge));
    } catch (IllegalArgumentException e) {
      return refused(r.add(FailureCode.CHALLENGE_UNKNOWN, "challenge was not issued by this verifier"));
    }
    X509Certificate cert;
    try {
      cert = certificate.get();
    } catch (BadInputException e) {
      r.add(FailureCode.MALFORMED_INPUT, "authentication certificate: " + e.getMessage());
      return new LoginResult(r.build(), null, entry.get().session());
    }
    r.merge(signatures.verifyRaw(signature, message, cert, chain));
    VerificationResult result = r.build();
    return new LoginResult(result, result.isValid() ? subjectId(cert) : null, entry.get().session());
  }

  private static LoginResult refused(ResultBuilder r) {
    return new LoginResult(r.build(), null, null);
  }

  private static boolean isBase64Url(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * Computes the subject identifier of a certificate: hex SHA-256 over a fixed label and the
   * subjectPublicKeyInfo. Stable for the life of the key pair; changes on renewal (see the class
   * documentation).
   *
   * @param certificate the certificate
   * @return 64 lower-case hex characters
   */
  public static String subjectId(X509Certificate certificate) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(SUBJECT_ID_LABEL);
      md.update(certificate.getPublicKey().getEncoded());
      return Hex.encodeLower(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** Builder of {@link LoginVerifier}. */
  public static final class Builder {
    private final CertificateValidator validator;
    private KeyType certificateType = KeyType.AUTHENTICATION;
    private Duration ttl = Duration.ofMinutes(2);
    private int challengeBytes = 32;
    private int capacity = 100_000;
    private int perSession = 4;
    private @Nullable String origin;
    private @Nullable ChallengeStore store;
    private SecureRandom random = new SecureRandom();
    private @Nullable Provider provider;

    private Builder(CertificateValidator validator) {
      this.validator = Objects.requireNonNull(validator, "validator");
    }

    /**
     * Sets the certificate type a login must use (default AUTHENTICATION; SIGNATURE for the
     * signature-certificate age check, docs/card-protocol.md §10 pattern A).
     *
     * @param type the type
     * @return this builder
     */
    public Builder certificateType(KeyType type) {
      this.certificateType = Objects.requireNonNull(type, "type");
      return this;
    }

    /**
     * Sets how long a challenge stays valid (default 2 min).
     *
     * @param ttl the time to live
     * @return this builder
     */
    public Builder challengeTtl(Duration ttl) {
      if (ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("ttl must be positive");
      }
      this.ttl = ttl;
      return this;
    }

    /**
     * Sets the challenge length (default 32 bytes).
     *
     * @param bytes 16 to 128
     * @return this builder
     */
    public Builder challengeBytes(int bytes) {
      if (bytes < 16 || bytes > 128) {
        throw new IllegalArgumentException("challenge length must be 16..128 bytes");
      }
      this.challengeBytes = bytes;
      return this;
    }

    /**
     * Sets the capacity of the default in-memory store (default 100,000 outstanding challenges); when it
     * is full of unexpired challenges, {@link LoginVerifier#newChallenge} refuses with
     * {@link ChallengeStoreException}.
     *
     * @param capacity the capacity
     * @return this builder
     */
    public Builder capacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("capacity must be positive");
      }
      this.capacity = capacity;
      return this;
    }

    /**
     * Sets how many outstanding challenges one session of the default in-memory store may hold (default
     * 4); asking for more evicts the session's oldest.
     *
     * @param perSession 1 or more
     * @return this builder
     */
    public Builder challengesPerSession(int perSession) {
      if (perSession < 1) {
        throw new IllegalArgumentException("challenges per session must be positive");
      }
      this.perSession = perSession;
      return this;
    }

    /**
     * Sets the origin logins are bound to (required): this site's {@code scheme://host[:port]} as the
     * holder's browser or app sees it, e.g. {@code https://login.example.jp}. A signature made for any
     * other origin is refused (DIGEST_MISMATCH: the signature is over other data), so a login cannot be relayed between sites.
     *
     * @param origin the origin, or any URL of the site (normalised with the login message's rules, {@link dev.jpki.card.JpkiApplet#signLogin})
     * @return this builder
     * @throws IllegalArgumentException if it is not an http(s) URL
     */
    public Builder origin(String origin) {
      this.origin = LoginMessage.origin(origin);
      return this;
    }

    /**
     * Sets a shared challenge store (for several servers).
     *
     * @param store the store
     * @return this builder
     */
    public Builder challengeStore(ChallengeStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets the JCA provider for the signature check (see {@link SignatureVerifier.Builder#provider}).
     *
     * @param provider the provider
     * @return this builder
     * @throws IllegalArgumentException if the provider has no {@code RSA/ECB/PKCS1Padding} cipher
     */
    public Builder provider(Provider provider) {
      Objects.requireNonNull(provider, "provider");
      dev.jpki.verify.internal.Pkcs1.requireRsaCipher(provider);
      this.provider = provider;
      return this;
    }

    /**
     * Sets the random source (default a new {@link SecureRandom}).
     *
     * @param random the source
     * @return this builder
     */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return the verifier
     * @throws IllegalStateException if the origin is missing
     */
    public LoginVerifier build() {
      String o = origin;
      if (o == null) {
        throw new IllegalStateException("origin(..) is required: logins are bound to this site's origin");
      }
      return new LoginVerifier(this, o);
    }
  }
}
