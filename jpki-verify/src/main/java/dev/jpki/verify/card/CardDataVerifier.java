// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.card;

import dev.jpki.verify.internal.CardKeys;
import dev.jpki.verify.internal.CardVerifiableCertificate;
import dev.jpki.card.HashAlgorithm;
import dev.jpki.verify.Caveat;
import dev.jpki.verify.BadInputException;
import dev.jpki.verify.FailureCode;
import dev.jpki.verify.VerificationResult;
import dev.jpki.verify.internal.DerCursor;
import dev.jpki.internal.Hex;
import dev.jpki.verify.internal.Pkcs1;
import dev.jpki.verify.internal.ResultBuilder;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that data read from the 券面 APs was written by the card issuer and, with a liveness challenge,
 * that it comes from the chip at hand (docs/card-protocol.md §6.4, §6.5, §7.3, §7.4).
 *
 * <p>The chain is: a J-LIS CA key (by issuer key id, e.g. {@code 5000033/001} for the text AP and
 * {@code 5000023/001} for the visual AP) verifies the AP's card-verifiable certificate (EF 0004); the key
 * it certifies verifies the data; the card key inside the signed data verifies a fresh challenge. The
 * production CA keys are not published (docs/card-protocol.md §6.5), so they are caller-supplied; a key read from the
 * same card proves nothing. A CVC whose issuer key is not configured gives INDETERMINATE.
 *
 * <p>Verifying data alone does not prove the chip is present (files can be copied): also run {@link
 * #verifyLiveness} on a fresh random challenge with the card key found inside the data just verified.
 * That binds the data to the chip for the visual AP (the card key is inside the signed card face and age
 * record), but NOT for the text AP: its integrity record (EF 0003) covers EF 0001/0002 and not the card
 * key, which EF 0007 signs separately, so text data copied from one card passes beside another card's
 * liveness answer. Text AP results therefore carry {@link Caveat#TEXT_DATA_NOT_BOUND_TO_CHIP}; for a
 * presence check use the visual AP ({@link #verifyCardFace}, {@link #verifyAgeRecord}) or a JPKI signature
 * (SECURITY.md, JPKI-2026-007). Immutable and thread-safe.
 */
public final class CardDataVerifier {
  private static final Logger log = LoggerFactory.getLogger(CardDataVerifier.class);
  /** DigestInfo header for the three concatenated SHA-256 group digests (docs/card-protocol.md §7.3 step 3). */
  private static final byte[] FACE_DIGEST_INFO_PREFIX = Hex.decode("3071300d060960864801650304020105000460");

  private final Map<String, RSAPublicKey> issuerKeys;
  private final Clock clock;

  private CardDataVerifier(Builder b) {
    this.issuerKeys = Collections.unmodifiableMap(new LinkedHashMap<>(b.issuerKeys));
    this.clock = b.clock;
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
   * Verifies a card-verifiable certificate against the configured issuer keys.
   *
   * @param ef0004 the CVC file
   * @return VALID, INVALID (bad signature or layout) or INDETERMINATE (issuer key not configured)
   */
  public VerificationResult verifyCvc(byte[] ef0004) {
    ResultBuilder r = ResultBuilder.start(clock.instant());
    cvc(ef0004, r);
    return done(r, "CVC");
  }

  /**
   * Verifies the text AP's integrity record (EF 0003) against the My Number and basic 4 info files.
   *
   * @param ef0004 the text AP's CVC
   * @param ef0001 the My Number file as read (17 bytes with filler), or null when only 照合番号B was
   *     available (then only the 4 info digest is compared)
   * @param ef0002 the basic 4 info file
   * @param ef0003 the integrity record
   * @return the verdict, always with {@link Caveat#TEXT_DATA_NOT_BOUND_TO_CHIP}: a VALID one proves the data
   *     was issued by J-LIS, not that it was read from the chip at hand
   */
  public VerificationResult verifyTextAp(byte[] ef0004, byte @Nullable [] ef0001, byte[] ef0002, byte[] ef0003) {
    ResultBuilder r = ResultBuilder.start(clock.instant())
        .caveat(Caveat.TEXT_DATA_NOT_BOUND_TO_CHIP);
    RSAPublicKey apKey = cvc(ef0004, r);
    if (apKey == null) {
      return done(r, "text AP");
    }
    try {
      DerCursor c = new DerCursor(ef0003, 0, "integrity record");
      c.expect(0xFF30, ef0003.length, "record");
      int end = c.valueEnd();
      c.expect(0xDF31, end, "My Number digest");
      int signedStart = c.headerStart();
      byte[] myNumberDigest = Arrays.copyOfRange(ef0003, c.valueStart(), c.valueEnd());
      c.skip();
      c.expect(0xDF32, end, "4 info digest");
      byte[] fourInfoDigest = Arrays.copyOfRange(ef0003, c.valueStart(), c.valueEnd());
      c.skip();
      int signedEnd = c.pos();
      c.expect(0xDF33, end, "signature");
      byte[] sig = Arrays.copyOfRange(ef0003, c.valueStart(), c.valueEnd());
      if (!Pkcs1.verifyDigestInfo(sig, apKey, sha256Info(ef0003, signedStart, signedEnd))) {
        r.add(FailureCode.BAD_SIGNATURE, "integrity record signature does not verify with the CVC key");
      }
      if (ef0001 != null && !MessageDigest.isEqual(myNumberDigest, sha256(ef0001, 0, ef0001.length))
          && !MessageDigest.isEqual(myNumberDigest, myNumberPhysicalDigest(ef0001))) {
        r.add(FailureCode.DIGEST_MISMATCH, "My Number file does not match the integrity record");
      }
      // docs/card-protocol.md §6.4: from the DF22 tag (after the DF21 offset table) to the end of the FF20 object
      DerCursor f = new DerCursor(ef0002, 0, "basic 4 info");
      f.expect(0xFF20, ef0002.length, "template");
      int fEnd = f.valueEnd();
      f.expect(0xDF21, fEnd, "offset table");
      f.skip();
      if (!MessageDigest.isEqual(fourInfoDigest, sha256(ef0002, f.pos(), fEnd))) {
        r.add(FailureCode.DIGEST_MISMATCH, "basic 4 info file does not match the integrity record");
      }
    } catch (BadInputException e) {
      r.add(FailureCode.MALFORMED_INPUT, e.getMessage());
    }
    return done(r, "text AP");
  }

  /**
   * Verifies the text AP's signed card key (EF 0007: {@code FF50 { DF51 key ; DF52 signature }}, docs/card-protocol.md
   * §6.7) so the key can check a liveness challenge.
   *
   * @param ef0004 the text AP's CVC
   * @param ef0007 the signed key file
   * @return the verdict, always with {@link Caveat#TEXT_DATA_NOT_BOUND_TO_CHIP}: a liveness check with this
   *     key proves the chip, not that EF 0001/0002 came from it
   */
  public VerificationResult verifyTextApKey(byte[] ef0004, byte[] ef0007) {
    ResultBuilder r = ResultBuilder.start(clock.instant())
        .caveat(Caveat.TEXT_DATA_NOT_BOUND_TO_CHIP);
    RSAPublicKey apKey = cvc(ef0004, r);
    if (apKey == null) {
      return done(r, "text AP key");
    }
    try {
      textApCardKey(ef0007);
      DerCursor c = new DerCursor(ef0007, 0, "AP key");
      c.expect(0xFF50, ef0007.length, "template");
      int end = c.valueEnd();
      c.expect(0xDF51, end, "key");
      int from = c.headerStart();
      c.skip();
      int to = c.pos();
      c.expect(0xDF52, end, "signature");
      byte[] sig = Arrays.copyOfRange(ef0007, c.valueStart(), c.valueEnd());
      if (!Pkcs1.verifyDigestInfo(sig, apKey, sha256Info(ef0007, from, to))) {
        r.add(FailureCode.BAD_SIGNATURE, "AP key signature does not verify with the CVC key");
      }
    } catch (BadInputException e) {
      r.add(FailureCode.MALFORMED_INPUT, e.getMessage());
    }
    return done(r, "text AP key");
  }

  /**
   * Reads the card key from the text AP's EF 0007 (verify it first with {@link #verifyTextApKey}).
   *
   * @param ef0007 the signed key file
   * @return the card key
   * @throws BadInputException if the layout differs from docs/card-protocol.md §6.7
   */
  public static RSAPublicKey textApCardKey(byte[] ef0007) throws BadInputException {
    DerCursor c = new DerCursor(ef0007, 0, "AP key");
    c.expect(0xFF50, ef0007.length, "template");
    c.expect(0xDF51, c.valueEnd(), "key");
    return CardKeys.parseRsa(ef0007, c.valueStart(), c.valueEnd(), "AP key");
  }

  /**
   * Verifies the visual AP's card face (EF 0002): SHA-256 of the raw TLV groups DF22‖DF23‖DF24,
   * DF25‖DF26 and DF27, concatenated into a DigestInfo, against the DF28 signature (docs/card-protocol.md §7.3).
   *
   * @param ef0004 the visual AP's CVC
   * @param ef0002 the card-face file
   * @return the verdict
   */
  public VerificationResult verifyCardFace(byte[] ef0004, byte[] ef0002) {
    ResultBuilder r = ResultBuilder.start(clock.instant());
    RSAPublicKey apKey = cvc(ef0004, r);
    if (apKey == null) {
      return done(r, "card face");
    }
    try {
      Layouts.Face face = Layouts.face(ef0002);
      byte[] info = Arrays.copyOf(FACE_DIGEST_INFO_PREFIX, FACE_DIGEST_INFO_PREFIX.length + 96);
      int[][] groups = {{0, 2}, {3, 4}, {5, 5}};
      for (int g = 0; g < 3; g++) {
        MessageDigest md = Pkcs1.newMessageDigest(HashAlgorithm.SHA256);
        for (int i = groups[g][0]; i <= groups[g][1]; i++) {
          md.update(ef0002, face.tlvStart[i], face.tlvEnd[i] - face.tlvStart[i]);
        }
        System.arraycopy(md.digest(), 0, info, FACE_DIGEST_INFO_PREFIX.length + 32 * g, 32);
      }
      byte[] sig = Arrays.copyOfRange(ef0002, face.signatureStart, face.signatureEnd);
      if (!Pkcs1.verifyDigestInfo(sig, apKey, info)) {
        r.add(FailureCode.BAD_SIGNATURE, "card-face signature does not match the data");
      }
    } catch (BadInputException e) {
      r.add(FailureCode.MALFORMED_INPUT, e.getMessage());
    }
    return done(r, "card face");
  }

  /**
   * Verifies a card face read with the card API ({@code VisualApplet}); same as {@link
   * #verifyCardFace(byte[], byte[])} on {@link dev.jpki.card.CardFace#encoded()}.
   *
   * @param ef0004 the visual AP's CVC
   * @param face the parsed card face
   * @return the verdict
   */
  public VerificationResult verifyCardFace(byte[] ef0004, dev.jpki.card.CardFace face) {
    return verifyCardFace(ef0004, face.encoded());
  }

  /**
   * Verifies an age record read with the card API; same as {@link #verifyAgeRecord(byte[], byte[])} on
   * {@link dev.jpki.card.AgeRecord#encoded()}.
   *
   * @param ef0004 the visual AP's CVC
   * @param record the parsed age record
   * @return the verdict
   */
  public VerificationResult verifyAgeRecord(byte[] ef0004, dev.jpki.card.AgeRecord record) {
    return verifyAgeRecord(ef0004, record.encoded());
  }

  /**
   * Verifies the visual AP's age record (EF 0001): the DF13 signature over the TLVs before it (docs/card-protocol.md
   * §7.4).
   *
   * @param ef0004 the visual AP's CVC
   * @param ef0001 the age record
   * @return the verdict
   */
  public VerificationResult verifyAgeRecord(byte[] ef0004, byte[] ef0001) {
    ResultBuilder r = ResultBuilder.start(clock.instant());
    RSAPublicKey apKey = cvc(ef0004, r);
    if (apKey == null) {
      return done(r, "age record");
    }
    try {
      Layouts.Age rec = Layouts.age(ef0001);
      byte[] sig = Arrays.copyOfRange(ef0001, rec.signatureStart, rec.signatureEnd);
      if (!Pkcs1.verifyDigestInfo(sig, apKey, sha256Info(ef0001, rec.signedStart, rec.signedEnd))) {
        r.add(FailureCode.BAD_SIGNATURE, "age record signature does not match the data");
      }
    } catch (BadInputException e) {
      r.add(FailureCode.MALFORMED_INPUT, e.getMessage());
    }
    return done(r, "age record");
  }

  /**
   * Verifies a liveness challenge: the card signed DigestInfo(SHA-256(challenge)) with its card key
   * ({@code 80 2A 00 00}, docs/card-protocol.md §7.3 step 5). Use a fresh random challenge of at least 16 bytes per check
   * and a card key taken from verified data ({@link dev.jpki.card.CardFace#cardPublicKey()}, {@link
   * dev.jpki.card.AgeRecord#cardPublicKey()}, {@link #textApCardKey}).
   *
   * @param cardKey the card key
   * @param challenge the challenge sent to the card
   * @param signature the card's answer
   * @return VALID if the card holds the private half of {@code cardKey}
   */
  public VerificationResult verifyLiveness(RSAPublicKey cardKey, byte[] challenge, byte[] signature) {
    ResultBuilder r = ResultBuilder.start(clock.instant());
    if (challenge.length < 16) {
      r.add(FailureCode.MALFORMED_INPUT, "challenge shorter than 16 bytes");
    } else if (!Pkcs1.verifyDigestInfo(signature, cardKey, sha256Info(challenge, 0, challenge.length))) {
      r.add(FailureCode.BAD_SIGNATURE, "challenge signature does not verify with the card key");
    }
    return done(r, "liveness");
  }

  private @Nullable RSAPublicKey cvc(byte[] ef0004, ResultBuilder r) {
    CardVerifiableCertificate cvc;
    try {
      cvc = CardVerifiableCertificate.parse(ef0004);
    } catch (RuntimeException e) {
      r.add(FailureCode.MALFORMED_INPUT, "CVC could not be processed (" + e.getClass().getSimpleName() + ")");
      return null;
    } catch (BadInputException e) {
      r.add(FailureCode.MALFORMED_INPUT, e.getMessage());
      return null;
    }
    RSAPublicKey issuer = issuerKeys.get(cvc.issuerKeyIdText());
    if (issuer == null) {
      r.add(FailureCode.UNKNOWN_ISSUER_KEY, "issuer key " + cvc.issuerKeyIdText()
          + " not configured — obtain it from J-LIS (production CVC issuer keys are not public)");
      return null;
    }
    byte[] body = cvc.body();
    if (!Pkcs1.verifyDigestInfo(cvc.signature(), issuer, sha256Info(body, 0, body.length))) {
      r.add(FailureCode.BAD_SIGNATURE, "CVC signature does not verify with the key of " + cvc.issuerKeyIdText());
      return null;
    }
    return cvc.publicKey();
  }

  private static byte[] sha256(byte[] b, int from, int to) {
    MessageDigest md = Pkcs1.newMessageDigest(HashAlgorithm.SHA256);
    md.update(b, from, to - from);
    return md.digest();
  }

  private static byte[] sha256Info(byte[] b, int from, int to) {
    return HashAlgorithm.SHA256.digestInfo(sha256(b, from, to));
  }

  /** SHA-256 of the 17-byte physical form (TLV ‖ FF FF) when the caller passed the bare TLV (docs/card-protocol.md §6.2). */
  private static byte[] myNumberPhysicalDigest(byte[] ef0001) {
    if (ef0001.length == 15) {
      byte[] phys = Arrays.copyOf(ef0001, 17);
      phys[15] = (byte) 0xFF;
      phys[16] = (byte) 0xFF;
      return sha256(phys, 0, 17);
    }
    return new byte[32];
  }

  private static VerificationResult done(ResultBuilder r, String what) {
    VerificationResult result = r.build();
    log.debug("Card data verification ({}): {}", what, result.status());
    return result;
  }

  /** Builder of {@link CardDataVerifier}. */
  public static final class Builder {
    private final Map<String, RSAPublicKey> issuerKeys = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Adds a trusted CVC issuer key.
     *
     * @param keyId the issuer key id in text form ({@code 5000033/001}) or as 32 hex digits
     * @param key the RSA public key
     * @return this builder
     */
    public Builder issuerKey(String keyId, RSAPublicKey key) {
      Objects.requireNonNull(keyId, "keyId");
      if (!keyId.matches("\\d{7}/\\d{3}") && !keyId.matches("[0-9a-f]{32}")) {
        throw new IllegalArgumentException("key id must be NNNNNNN/NNN or 32 lower-case hex digits");
      }
      issuerKeys.put(keyId, Objects.requireNonNull(key, "key"));
      return this;
    }

    /**
     * Sets the clock (only the results' verification time; CVCs carry no validity).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return the verifier
     * @throws IllegalStateException if no issuer key was added
     */
    public CardDataVerifier build() {
      if (issuerKeys.isEmpty()) {
        throw new IllegalStateException("at least one issuer key is required");
      }
      return new CardDataVerifier(this);
    }
  }
}
