// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import dev.jpki.card.CardDate;
import dev.jpki.card.flow.Evidence;
import dev.jpki.card.flow.EvidenceFormatException;
import dev.jpki.card.flow.EvidenceKind;
import dev.jpki.verify.Age;
import dev.jpki.verify.BadInputException;
import dev.jpki.verify.BasicFourInfo;
import dev.jpki.verify.BirthDate;
import dev.jpki.verify.Failure;
import dev.jpki.verify.FailureCode;
import dev.jpki.card.KeyType;
import dev.jpki.verify.SignatureVerifier;
import dev.jpki.verify.card.CardDataVerifier;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The verifier half of the age check (FAQ Q2-4, docs/faq-flows.md): decides from {@link Evidence}
 * collected by jpki-core's {@code AgeCheck} and the challenge this verifier issued, never from anything
 * the reader side asserts.
 *
 * <ul>
 *   <li>signature certificate: the signature over the challenge, chain and revocation ({@link
 *       SignatureVerifier}), then the birth date from the basic 4 info;
 *   <li>card face, OCR, date-of-birth key: the visual AP CVC against the configured J-LIS issuer key, the
 *       card face or age record signature, the card key's signature over the challenge; for OCR also
 *       that the chip's birth date and expiry year equal the OCR's.
 * </ul>
 *
 * <p>Production issuer keys ({@code 5000023/001} for the visual AP) are not public: until one is
 * configured in the {@link CardDataVerifier}, a real card gives INDETERMINATE with reason {@link
 * FailureCode#UNKNOWN_ISSUER_KEY}. Thread-safe.
 */
public final class AgeVerifier {
  /** Ages count in Japanese calendar days: the card and the law are Japanese. */
  private static final ZoneId JST = ZoneId.of("Asia/Tokyo");

  private final @Nullable CardDataVerifier cardData;
  private final @Nullable SignatureVerifier signatures;
  private final FlowChallenges challenges;
  private final Clock clock;

  private AgeVerifier(Builder b) {
    this.cardData = b.cardData;
    this.signatures = b.signatures;
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

  /**
   * Verifies evidence as it arrives from the card side.
   *
   * @param evidence the bytes from {@code Evidence.toBytes()}
   * @param challenge the challenge this verifier issued for it
   * @param pattern the age pattern the caller asks for, one of the {@code EvidenceKind.AGE_*} kinds
   *     (evidence of another pattern fails)
   * @param minimumAge the age to meet, or null for none
   * @return the result; malformed evidence is a {@link FailureCode#MALFORMED_INPUT} failure
   * @throws IllegalArgumentException if the pattern is not an age pattern or the minimum age is outside
   *     0..150
   */
  public AgeResult verify(byte[] evidence, byte[] challenge, EvidenceKind pattern, @Nullable Integer minimumAge) {
    if (minimumAge != null && (minimumAge < 0 || minimumAge > 150)) {
      throw new IllegalArgumentException("minimum age must be 0..150");
    }
    if (!isAgePattern(pattern)) {
      throw new IllegalArgumentException("not an age pattern: " + pattern);
    }
    try {
      return verify(Evidence.fromBytes(evidence), challenge, pattern, minimumAge);
    } catch (EvidenceFormatException e) {
      challenges.take(challenge);
      List<Failure> out = new ArrayList<>();
      Checks.fail(out, FailureCode.MALFORMED_INPUT, String.valueOf(e.getMessage()));
      return new AgeResult(today(), null, minimumAge, false, List.of(), List.of(), out);
    }
  }

  private AgeResult verify(Evidence evidence, byte[] challenge, EvidenceKind pattern, @Nullable Integer minimumAge) {
    LocalDate on = today();
    List<Failure> out = new ArrayList<>();
    List<String> proven = new ArrayList<>();
    List<String> notProven = new ArrayList<>();
    Checks.challenge(evidence, challenge, challenges, out);
    if (evidence.kind() != pattern) {
      Checks.fail(out, FailureCode.MALFORMED_INPUT, "evidence of kind " + evidence.kind() + " for pattern " + pattern);
      return new AgeResult(on, null, minimumAge, false, proven, notProven, out);
    }
    LocalDate latestBirth = null;
    boolean exact = true;
    if (pattern == EvidenceKind.AGE_SIGNATURE_CERTIFICATE) {
      notProven.add("that the person present is the holder: a signature proves knowledge of the password, not a face");
      X509Certificate cert = Checks.certificate(evidence.certificate(), out);
      byte[] sig = evidence.certificateSignature();
      if (cert != null && sig == null) {
        Checks.fail(out, FailureCode.MALFORMED_INPUT, "evidence carries no signature over the challenge");
      } else if (cert != null && sig != null) {
        if (signatures == null) {
          Checks.fail(out, FailureCode.UNTRUSTED_ISSUER, "no signature verifier configured (trust anchors, revocation)");
        } else {
          Checks.certificateVerdict(signatures.verifyRaw(sig, challenge, cert), KeyType.SIGNATURE, out);
        }
        try {
          BirthDate dob = BasicFourInfo.fromCertificate(cert).dateOfBirth();
          if (dob.year() == 0) {
            Checks.fail(out, FailureCode.BIRTH_DATE_UNKNOWN, "the certificate's birth date has no year");
          } else {
            exact = dob.isComplete();
            latestBirth = latestPossible(dob);
          }
        } catch (BadInputException e) {
          Checks.fail(out, FailureCode.PROFILE, "not a signature certificate with the basic 4 info: " + String.valueOf(e.getMessage()));
        }
        proven.add("birth date from the basic 4 info of a signature certificate chaining to a J-LIS root");
        proven.add("the signature key signed this verifier's fresh challenge after the signature password");
        proven.add("the certificate is within its validity and not revoked");
      }
    } else {
      Checks.Visual v = Checks.visual(evidence, challenge, cardData, out);
      proven.add("the " + (pattern == EvidenceKind.AGE_DATE_OF_BIRTH_KEY ? "age record" : "card face")
          + " was signed by the card issuer (CVC chaining to the configured J-LIS issuer key)");
      proven.add("a live chip holding the card key signed this verifier's fresh challenge");
      notProven.add("that the person present is the holder: 照合番号B and the date-of-birth key are printed on or"
          + " derivable from the card; compare the face with the card photo in person");
      notProven.add("that the card is not reported lost or revoked (card data carries no revocation status)");
      if (pattern == EvidenceKind.AGE_DATE_OF_BIRTH_KEY) {
        notProven.add("the card's expiry (the age record does not carry it)");
      } else {
        notProven.add("the card's expiry date (printed after the card-face signature, so not signed)");
      }
      if (v.genuine && v.live) {
        latestBirth = v.birthDate;
        if (v.faceExpiry != null && v.faceExpiry.isBefore(on)) {
          Checks.fail(out, FailureCode.CARD_EXPIRED, "the card expired on " + v.faceExpiry);
        }
      }
      if (pattern == EvidenceKind.AGE_OCR && v.genuine) {
        ocr(evidence, v, out);
        proven.add("the birth date read by OCR equals the chip's");
      }
    }
    Integer age = null;
    if (latestBirth != null && !latestBirth.isAfter(on)) {
      age = Age.of(latestBirth, on);
    } else if (latestBirth != null) {
      Checks.fail(out, FailureCode.MALFORMED_INPUT, "the birth date is after the verification date");
    }
    if (!exact) {
      notProven.add("the exact birth date: part of it is unknown, so the age counts from the latest possible day");
    }
    return new AgeResult(on, age, minimumAge, exact, proven, notProven, out);
  }

  private static void ocr(Evidence e, Checks.Visual v, List<Failure> out) {
    String ocrDob = e.ocrBirthDate();
    Integer ocrYear = e.ocrExpiryYear();
    if (ocrDob == null || ocrYear == null) {
      Checks.fail(out, FailureCode.MALFORMED_INPUT, "OCR evidence lacks the OCR birth date or expiry year");
      return;
    }
    LocalDate read;
    try {
      read = Checks.date(CardDate.parseCompact(ocrDob));
    } catch (IllegalArgumentException ex) {
      Checks.fail(out, FailureCode.MALFORMED_INPUT, "OCR birth date is not YYYYMMDD");
      return;
    }
    if (!read.equals(v.birthDate)) {
      Checks.fail(out, FailureCode.OCR_MISMATCH, "the birth date read by OCR differs from the chip's");
    }
    if (v.faceExpiry != null && v.faceExpiry.getYear() != ocrYear) {
      Checks.fail(out, FailureCode.OCR_MISMATCH, "the expiry year read by OCR differs from the chip's");
    }
  }

  /** The latest day a partly unknown birth date can be: the age is never over-stated. */
  static LocalDate latestPossible(BirthDate dob) {
    if (dob.month() == 0) {
      return LocalDate.of(dob.year(), 12, 31);
    }
    if (dob.day() == 0) {
      return YearMonth.of(dob.year(), dob.month()).atEndOfMonth();
    }
    return LocalDate.of(dob.year(), dob.month(), dob.day());
  }

  private static boolean isAgePattern(EvidenceKind k) {
    return k != EvidenceKind.REGISTRATION && k != EvidenceKind.FACE_TO_FACE;
  }

  private LocalDate today() {
    return LocalDate.now(clock.withZone(JST));
  }

  /** Builder of {@link AgeVerifier}. */
  public static final class Builder {
    private @Nullable CardDataVerifier cardData;
    private @Nullable SignatureVerifier signatures;
    private @Nullable FlowChallenges challenges;

    private Builder() {}

    /**
     * Sets the card-data verifier (issuer keys by key id) for the card face, OCR and date-of-birth key
     * patterns; without it those patterns answer INDETERMINATE.
     *
     * @param verifier the verifier
     * @return this builder
     */
    public Builder cardData(CardDataVerifier verifier) {
      this.cardData = Objects.requireNonNull(verifier, "verifier");
      return this;
    }

    /**
     * Sets the signature verifier (trust anchors, revocation, profile) for the signature-certificate
     * pattern.
     *
     * @param verifier the verifier
     * @return this builder
     */
    public Builder signatures(SignatureVerifier verifier) {
      this.signatures = Objects.requireNonNull(verifier, "verifier");
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
     * @throws NullPointerException if no challenges were set
     */
    public AgeVerifier build() {
      return new AgeVerifier(this);
    }
  }
}
