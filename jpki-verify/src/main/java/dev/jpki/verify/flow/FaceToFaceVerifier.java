// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import dev.jpki.card.CommonRecord;
import dev.jpki.card.flow.Evidence;
import dev.jpki.card.flow.EvidenceFormatException;
import dev.jpki.card.flow.EvidenceKind;
import dev.jpki.card.KeyType;
import dev.jpki.verify.Failure;
import dev.jpki.verify.FailureCode;
import dev.jpki.verify.SignatureVerifier;
import dev.jpki.verify.card.CardDataVerifier;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The verifier half of PIN-less face-to-face confirmation (FAQ Q3-6, docs/faq-flows.md), deciding from
 * {@link Evidence} collected by jpki-core's {@code FaceToFaceCheck} and the challenge issued here.
 *
 * <p><b>Legal conditions.</b> Under the 2023 revision of the Public Personal Authentication Act the
 * PIN-less method may be used only: face to face, or in facilities and areas that are managed and
 * monitored, or on terminals lent to and managed for users — never online or outdoors; where a low
 * authentication strength is acceptable (it is lower than a PIN); for the second and later use, after a
 * first registration with the authentication PIN ({@link #register}); and with the card's genuineness
 * and the authentication certificate's validity confirmed. The staff must still compare the holder's face
 * with the card. This class checks what can be checked technically; the setting is the operator's duty.
 *
 * <p>Later visits ({@link #verify}) check: the challenge, the visual AP CVC, card data and the card key's
 * signature over the challenge (genuine and live), the authentication certificate read without a PIN
 * (chain, validity, revocation), the card expiry (common AP record, not issuer-signed), and that the card
 * key is registered with that certificate. Thread-safe if the store is.
 */
public final class FaceToFaceVerifier {
  /** The card expiry is a Japanese calendar day. */
  private static final ZoneId JST = ZoneId.of("Asia/Tokyo");

  private final @Nullable CardDataVerifier cardData;
  private final SignatureVerifier signatures;
  private final RegistrationStore store;
  private final FlowChallenges challenges;
  private final Clock clock;

  private FaceToFaceVerifier(Builder b) {
    this.cardData = b.cardData;
    this.signatures = Objects.requireNonNull(b.signatures, "signatures");
    this.store = Objects.requireNonNull(b.store, "registrations");
    this.challenges = Objects.requireNonNull(b.challenges, "challenges");
    // one clock for the challenges and the dates checked, so the two cannot disagree
    this.clock = challenges.clock();
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
   * Issues a fresh challenge for the card side.
   *
   * @return 32 random bytes, single use
   */
  public byte[] newChallenge() {
    return challenges.issue();
  }

  private FaceToFaceResult register(Evidence evidence, byte[] challenge, String accountId) {
    List<Failure> out = new ArrayList<>();
    Checks.challenge(evidence, challenge, challenges, out);
    if (evidence.kind() != EvidenceKind.REGISTRATION) {
      Checks.fail(out, FailureCode.MALFORMED_INPUT, "evidence of kind " + evidence.kind() + " is not a registration");
      return new FaceToFaceResult(false, false, false, null, out);
    }
    Checks.Visual v = Checks.visual(evidence, challenge, cardData, out);
    X509Certificate cert = Checks.certificate(evidence.certificate(), out);
    byte[] sig = evidence.certificateSignature();
    boolean certValid = false;
    if (cert != null && sig == null) {
      Checks.fail(out, FailureCode.MALFORMED_INPUT, "evidence carries no authentication signature over the challenge");
    } else if (cert != null && sig != null) {
      int before = out.size();
      Checks.certificateVerdict(signatures.verifyRaw(sig, challenge, cert), KeyType.AUTHENTICATION, out);
      certValid = out.size() == before;
    }
    if (!out.isEmpty() || cert == null || v.cardKey == null) {
      return new FaceToFaceResult(v.genuine, v.live, certValid, null, out);
    }
    Registration r = Registration.of(accountId, v.cardKey, cert, clock.instant());
    try {
      store.save(r);
    } catch (RegistrationStoreException e) {
      Checks.fail(out, FailureCode.REGISTRATION_STORE_UNAVAILABLE, "registration not stored: " + String.valueOf(e.getMessage()));
    }
    return new FaceToFaceResult(v.genuine, v.live, certValid, r, out);
  }

  /**
   * First visit: verifies registration evidence (authentication signature over the challenge, chain,
   * revocation; genuine and live visual AP data) and stores a registration binding the card key to the
   * certificate under {@code accountId}.
   *
   * @param evidence the bytes from {@code FaceToFaceCheck.register(..).toBytes()}
   * @param challenge the challenge issued for it
   * @param accountId the relying party's account id for this person
   * @return the result, with the stored registration when VALID; nothing is stored otherwise
   */
  public FaceToFaceResult register(byte[] evidence, byte[] challenge, String accountId) {
    try {
      return register(Evidence.fromBytes(evidence), challenge, accountId);
    } catch (EvidenceFormatException e) {
      challenges.take(challenge);
      return new FaceToFaceResult(false, false, false, null,
          List.of(Failure.of(FailureCode.MALFORMED_INPUT, String.valueOf(e.getMessage()))));
    }
  }

  private FaceToFaceResult verify(Evidence evidence, byte[] challenge, @Nullable String expectedAccountId) {
    List<Failure> out = new ArrayList<>();
    Checks.challenge(evidence, challenge, challenges, out);
    if (evidence.kind() != EvidenceKind.FACE_TO_FACE) {
      Checks.fail(out, FailureCode.MALFORMED_INPUT, "evidence of kind " + evidence.kind() + " is not face-to-face");
      return new FaceToFaceResult(false, false, false, null, out);
    }
    Checks.Visual v = Checks.visual(evidence, challenge, cardData, out);
    X509Certificate cert = Checks.certificate(evidence.certificate(), out);
    boolean certValid = false;
    if (cert != null) {
      int before = out.size();
      Checks.certificateVerdict(signatures.validator().validate(cert, KeyType.AUTHENTICATION), KeyType.AUTHENTICATION, out);
      certValid = out.size() == before;
    }
    LocalDate today = LocalDate.now(clock.withZone(JST));
    LocalDate expiry = cardExpiry(evidence, v, out);
    if (expiry != null && expiry.isBefore(today)) {
      Checks.fail(out, FailureCode.CARD_EXPIRED, "the card expired on " + expiry);
    }
    Registration matched = null;
    if (v.genuine && v.live && v.cardKey != null && cert != null) {
      matched = match(v, cert, expectedAccountId, out);
    }
    return new FaceToFaceResult(v.genuine, v.live, certValid, matched, out);
  }

  /**
   * Later visit without a PIN: verifies face-to-face evidence and finds the card's registration. With a
   * claimed account, the card must be the one registered for it ({@link FailureCode#DIFFERENT_CARD}
   * otherwise).
   *
   * @param evidence the bytes from {@code FaceToFaceCheck.collect(..).toBytes()}
   * @param challenge the challenge issued for it
   * @param expectedAccountId the claimed account, or null to accept any registration
   * @return the result, with the matched registration when VALID
   */
  public FaceToFaceResult verify(byte[] evidence, byte[] challenge, @Nullable String expectedAccountId) {
    try {
      return verify(Evidence.fromBytes(evidence), challenge, expectedAccountId);
    } catch (EvidenceFormatException e) {
      challenges.take(challenge);
      return new FaceToFaceResult(false, false, false, null,
          List.of(Failure.of(FailureCode.MALFORMED_INPUT, String.valueOf(e.getMessage()))));
    }
  }

  private static @Nullable LocalDate cardExpiry(Evidence e, Checks.Visual v, List<Failure> out) {
    byte[] common = e.commonRecord();
    if (common != null) {
      try {
        return Checks.date(CommonRecord.parse(common).expiryDate());
      } catch (dev.jpki.JpkiException | RuntimeException ex) {
        Checks.fail(out, FailureCode.MALFORMED_INPUT, "the common AP record cannot be parsed");
        return null;
      }
    }
    if (v.faceExpiry != null) {
      return v.faceExpiry;
    }
    Checks.fail(out, FailureCode.MALFORMED_INPUT, "evidence carries no card expiry (common AP record)");
    return null;
  }

  private @Nullable Registration match(
      Checks.Visual v, X509Certificate cert, @Nullable String expectedAccountId, List<Failure> out) {
    try {
      Optional<Registration> reg = store.findByCardKey(Registration.cardKeyDigest(Objects.requireNonNull(v.cardKey)));
      if (reg.isEmpty()) {
        if (expectedAccountId != null && !store.findByAccount(expectedAccountId).isEmpty()) {
          Checks.fail(out, FailureCode.DIFFERENT_CARD, "this card is not the one registered for the account");
        } else {
          Checks.fail(out, FailureCode.NOT_REGISTERED,
              "this card is not registered: the first visit needs the authentication PIN");
        }
        return null;
      }
      Registration r = reg.get();
      if (expectedAccountId != null && !r.accountId().equals(expectedAccountId)) {
        Checks.fail(out, FailureCode.DIFFERENT_CARD, "this card is registered for a different account");
        return null;
      }
      if (!r.matchesCertificate(cert)) {
        Checks.fail(out, FailureCode.CERTIFICATE_CHANGED,
            "the card's authentication certificate is not the registered one (renewed?): register again with the PIN");
        return null;
      }
      return r;
    } catch (RegistrationStoreException e) {
      Checks.fail(out, FailureCode.REGISTRATION_STORE_UNAVAILABLE, "registration lookup failed: " + String.valueOf(e.getMessage()));
      return null;
    }
  }

  /** Builder of {@link FaceToFaceVerifier}. */
  public static final class Builder {
    private @Nullable CardDataVerifier cardData;
    private @Nullable SignatureVerifier signatures;
    private @Nullable RegistrationStore store;
    private @Nullable FlowChallenges challenges;

    private Builder() {}

    /**
     * Sets the card-data verifier (J-LIS issuer keys by key id); without it every check is
     * INDETERMINATE ({@link FailureCode#UNKNOWN_ISSUER_KEY}).
     *
     * @param verifier the verifier
     * @return this builder
     */
    public Builder cardData(CardDataVerifier verifier) {
      this.cardData = Objects.requireNonNull(verifier, "verifier");
      return this;
    }

    /**
     * Sets the verifier of the registration's authentication signature (required); its {@link
     * SignatureVerifier#validator() validator} also checks the authentication certificate on later visits
     * (chain, validity, revocation).
     *
     * @param verifier the verifier
     * @return this builder
     */
    public Builder signatures(SignatureVerifier verifier) {
      this.signatures = Objects.requireNonNull(verifier, "verifier");
      return this;
    }

    /**
     * Sets the registration store (required).
     *
     * @param store the store
     * @return this builder
     */
    public Builder registrations(RegistrationStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets where challenges are issued and taken back (required); its clock also gives the dates the
     * verifier checks.
     *
     * @param challenges the challenges
     * @return this builder
     */
    public Builder challenges(FlowChallenges challenges) {
      this.challenges = Objects.requireNonNull(challenges, "challenges");
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return the verifier
     * @throws NullPointerException if a required part is missing
     */
    public FaceToFaceVerifier build() {
      return new FaceToFaceVerifier(this);
    }
  }
}
