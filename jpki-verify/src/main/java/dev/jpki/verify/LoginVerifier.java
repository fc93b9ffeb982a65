package dev.jpki.verify;

import dev.jpki.card.KeyType;
import dev.jpki.internal.Hex;
import dev.jpki.verify.revocation.RevocationSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 *   <li>The server calls {@link #newChallenge()} and sends {@link Challenge#value()} to the client.
 *   <li>The client signs it with the authentication key (card API: SHA-256 DigestInfo, COMPUTE DIGITAL
 *       SIGNATURE, spec §5.3) and returns the signature with the authentication certificate.
 *   <li>The server calls {@link #verify}: the challenge must be outstanding and unexpired (it is consumed
 *       either way, so a replay fails), the signature must verify, and the certificate must validate,
 *       including revocation.
 * </ol>
 *
 * <p><b>Subject identifier.</b> A VALID login yields {@link #subjectId}: lower-case hex of SHA-256 over a
 * fixed label and the certificate's subjectPublicKeyInfo. It identifies the card's key pair, does not
 * depend on the (shared) issuer DN, and reveals nothing about the holder. It changes when the certificate
 * is renewed (new key pair, at the latest at the 5th birthday after issue, or after re-issue of the card):
 * to follow a person across renewals a service needs J-LIS's 証明書新旧紐付け information through a platform
 * operator (spec §11, FAQ Q3-5).
 *
 * <p><b>Personal data.</b> The authentication certificate carries no name, address, date of birth or sex
 * (spec §9.4, FAQ Q3-1/Q3-2): a login proves control of a genuine card, not who the holder is. Identity
 * attributes come only from the signature certificate ({@link BasicFourInfo}).
 *
 * <p>Thread-safe.
 */
public final class LoginVerifier {
  private static final byte[] SUBJECT_ID_LABEL = "jpki-java subject v1\0".getBytes(StandardCharsets.US_ASCII);

  private final SignatureVerifier signatures;
  private final ChallengeStore store;
  private final Clock clock;
  private final Duration ttl;
  private final int challengeBytes;
  private final SecureRandom random;

  private LoginVerifier(Builder b) {
    SignatureVerifier.Builder sb = SignatureVerifier.builder()
        .trustAnchors(Objects.requireNonNull(b.trustAnchors))
        .revocation(Objects.requireNonNull(b.revocation))
        .clock(b.clock)
        .profile(b.profile);
    if (b.certificateType != null) {
      sb.certificateType(b.certificateType);
    }
    this.signatures = sb.build();
    this.clock = b.clock;
    this.ttl = b.ttl;
    this.challengeBytes = b.challengeBytes;
    this.random = b.random;
    ChallengeStore s = b.store;
    this.store = s != null ? s : ChallengeStore.inMemory(b.capacity, b.clock);
  }

  /**
   * Starts a builder.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Issues a fresh random challenge and records it as outstanding.
   *
   * @return the challenge, valid until now + the configured time to live
   * @throws IllegalStateException if the challenge store is full
   */
  public Challenge newChallenge() {
    byte[] v = new byte[challengeBytes];
    random.nextBytes(v);
    Challenge c = new Challenge(v, clock.instant().plus(ttl));
    store.put(c.encoded(), c.expiresAt());
    return c;
  }

  /**
   * Verifies a login response.
   *
   * @param challenge the challenge bytes the client signed
   * @param signature the raw PKCS#1 v1.5 signature over DigestInfo(hash(challenge))
   * @param certificate the authentication certificate
   * @return the verdict and, when VALID, the subject identifier
   */
  public LoginResult verify(byte[] challenge, byte[] signature, X509Certificate certificate) {
    return verify(challenge, signature, certificate, Collections.emptyList());
  }

  /**
   * Verifies a login response with untrusted chain certificates.
   *
   * @param challenge the challenge bytes the client signed
   * @param signature the raw PKCS#1 v1.5 signature
   * @param certificate the authentication certificate
   * @param chain untrusted CA certificates for path building
   * @return the verdict and, when VALID, the subject identifier
   */
  public LoginResult verify(byte[] challenge, byte[] signature, X509Certificate certificate,
      List<X509Certificate> chain) {
    Instant now = clock.instant();
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(challenge);
    Optional<Instant> expiry = store.take(id); // consumed whatever happens next: single use
    VerificationResult.Builder r = VerificationResult.builder(now);
    if (!expiry.isPresent()) {
      r.add(FailureCode.CHALLENGE_UNKNOWN, "challenge was not issued here or was already used");
    } else if (now.isAfter(expiry.get())) {
      r.add(FailureCode.CHALLENGE_EXPIRED, "challenge expired at " + expiry.get());
    }
    r.merge(signatures.verifyRaw(signature, challenge, certificate, chain));
    VerificationResult result = r.build();
    return new LoginResult(result, result.isValid() ? subjectId(certificate) : null);
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
    private @Nullable TrustAnchors trustAnchors;
    private @Nullable RevocationSource revocation;
    private Clock clock = Clock.systemUTC();
    private JpkiProfile profile = JpkiProfile.production();
    private @Nullable KeyType certificateType = KeyType.AUTHENTICATION;
    private Duration ttl = Duration.ofMinutes(2);
    private int challengeBytes = 32;
    private int capacity = 100_000;
    private @Nullable ChallengeStore store;
    private SecureRandom random = new SecureRandom();

    private Builder() {}

    /**
     * Sets the trust anchors (required).
     *
     * @param anchors the anchors
     * @return this builder
     */
    public Builder trustAnchors(TrustAnchors anchors) {
      this.trustAnchors = Objects.requireNonNull(anchors, "anchors");
      return this;
    }

    /**
     * Sets the revocation source (required).
     *
     * @param source the source
     * @return this builder
     */
    public Builder revocation(RevocationSource source) {
      this.revocation = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * Sets the clock (challenge expiry and verification time).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the certificate profile.
     *
     * @param profile the profile
     * @return this builder
     */
    public Builder profile(JpkiProfile profile) {
      this.profile = Objects.requireNonNull(profile, "profile");
      return this;
    }

    /**
     * Sets the certificate type a login must use (default AUTHENTICATION; SIGNATURE for the
     * signature-certificate age check, spec §10 pattern A).
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
     * Sets the capacity of the default in-memory store (default 100,000 outstanding challenges).
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
     * @throws IllegalStateException if trust anchors or the revocation source are missing
     */
    public LoginVerifier build() {
      if (trustAnchors == null) {
        throw new IllegalStateException("trustAnchors(..) is required");
      }
      if (revocation == null) {
        throw new IllegalStateException("revocation(..) is required; name Revocation.none() to skip it");
      }
      return new LoginVerifier(this);
    }
  }
}
