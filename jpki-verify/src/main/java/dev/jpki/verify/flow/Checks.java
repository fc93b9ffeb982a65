// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import dev.jpki.card.AgeRecord;
import dev.jpki.card.CardDate;
import dev.jpki.card.CardFace;
import dev.jpki.card.flow.Evidence;
import dev.jpki.card.KeyType;
import dev.jpki.verify.Failure;
import dev.jpki.verify.FailureCode;
import dev.jpki.verify.Status;
import dev.jpki.verify.VerificationResult;
import dev.jpki.verify.card.CardDataVerifier;
import dev.jpki.verify.card.CardVerifiableCertificate;
import dev.jpki.verify.internal.RevocationAdvice;
import dev.jpki.verify.revocation.RevocationReason;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The checks the flow verifiers share; each adds typed failures to a list. */
final class Checks {
  private Checks() {}

  /** The outcome of checking visual AP evidence. */
  static final class Visual {
    boolean genuine;
    boolean live;
    @Nullable RSAPublicKey cardKey;
    @Nullable LocalDate birthDate;
    /** From the card face DF29, which the issuer signature does not cover. */
    @Nullable LocalDate faceExpiry;
  }

  static Status status(List<Failure> failures) {
    Status s = Status.VALID;
    for (Failure f : failures) {
      if (f.code().severity() == Status.INVALID) {
        return Status.INVALID;
      }
      s = Status.INDETERMINATE;
    }
    return s;
  }

  static void fail(List<Failure> out, FailureCode code, String message) {
    out.add(Failure.of(code, message));
  }

  /** The evidence's challenge must be the one given, and that one must be outstanding here. */
  static void challenge(Evidence e, byte[] issued, FlowChallenges challenges, List<Failure> out) {
    byte[] signed = e.challenge();
    // Take the given challenge whatever happens: one evidence attempt per challenge.
    Failure taken = challenges.take(issued);
    if (signed == null) {
      fail(out, FailureCode.MALFORMED_INPUT, "evidence carries no challenge");
    } else if (!MessageDigest.isEqual(signed, issued)) {
      fail(out, FailureCode.CHALLENGE_UNKNOWN, "the card signed a different challenge than the one issued");
    }
    if (taken != null) {
      out.add(taken);
    }
  }

  /**
   * Visual AP evidence: CVC against the configured issuer key, card face or age record signature, then
   * the card key's signature over the challenge. Nothing is read from data whose signature failed.
   */
  static Visual visual(Evidence e, byte[] challenge, @Nullable CardDataVerifier cardData, List<Failure> out) {
    Visual v = new Visual();
    byte[] cvc = e.visualCvc();
    byte[] face = e.cardFace();
    byte[] age = e.ageRecord();
    byte[] sig = e.cardKeySignature();
    if (cvc == null || (face == null && age == null) || sig == null) {
      fail(out, FailureCode.MALFORMED_INPUT, "evidence lacks the visual AP CVC, card data or card-key signature");
      return v;
    }
    if (cardData == null) {
      fail(out, FailureCode.UNKNOWN_ISSUER_KEY, "no card-data verifier configured: " + issuerKeyAdvice(cvc));
      return v;
    }
    VerificationResult cvcResult = cardData.verifyCvc(cvc);
    if (!cvcResult.isValid()) {
      if (cvcResult.hasFailure(FailureCode.UNKNOWN_ISSUER_KEY)) {
        fail(out, FailureCode.UNKNOWN_ISSUER_KEY, issuerKeyAdvice(cvc));
      } else {
        fail(out, firstCode(cvcResult), "the card-verifiable certificate does not verify with the configured"
            + " issuer key (" + firstMessage(cvcResult) + ")");
      }
      return v;
    }
    VerificationResult data = face != null
        ? cardData.verifyCardFace(cvc, face)
        : cardData.verifyAgeRecord(cvc, java.util.Objects.requireNonNull(age));
    String what = face != null ? "card face" : "age record";
    if (!data.isValid()) {
      if (data.hasFailure(FailureCode.MALFORMED_INPUT)) {
        fail(out, FailureCode.MALFORMED_INPUT, what + " is malformed (" + firstMessage(data) + ")");
      } else {
        fail(out, firstCode(data), what + " signature does not verify: the chip data is not genuine");
      }
      return v;
    }
    try {
      if (face != null) {
        CardFace f = CardFace.parse(face);
        v.cardKey = f.cardPublicKey();
        v.birthDate = date(f.birthDate());
        v.faceExpiry = date(f.expiryDate());
      } else {
        AgeRecord a = AgeRecord.parse(java.util.Objects.requireNonNull(age));
        v.cardKey = a.cardPublicKey();
        v.birthDate = date(a.birthDate());
      }
    } catch (dev.jpki.JpkiException | RuntimeException ex) {
      fail(out, FailureCode.MALFORMED_INPUT, what + " cannot be parsed");
      return v;
    }
    v.genuine = true;
    VerificationResult live = cardData.verifyLiveness(v.cardKey, challenge, sig);
    if (live.isValid()) {
      v.live = true;
    } else {
      fail(out, FailureCode.LIVENESS_FAILED, "the card key's signature over the challenge does not verify: no live chip");
    }
    return v;
  }

  static String issuerKeyAdvice(byte[] cvc) {
    String id;
    try {
      id = CardVerifiableCertificate.keyIdText(CardVerifiableCertificate.parse(cvc).issuerKeyId());
    } catch (dev.jpki.verify.BadInputException | RuntimeException e) {
      id = "(unreadable)";
    }
    return "issuer key " + id + " not configured — obtain it from J-LIS (production CVC issuer keys are not"
        + " public) and configure it by key id";
  }

  static LocalDate date(CardDate d) {
    return LocalDate.of(d.year(), d.month(), d.day());
  }

  static @Nullable X509Certificate certificate(byte @Nullable [] der, List<Failure> out) {
    if (der == null) {
      fail(out, FailureCode.MALFORMED_INPUT, "evidence carries no certificate");
      return null;
    }
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      fail(out, FailureCode.MALFORMED_INPUT, "the certificate in the evidence cannot be parsed");
      return null;
    }
  }

  /**
   * Takes over a certificate or signature verdict's failures as they are (one vocabulary with login and
   * signature verification); a revocation's message says what it means for the holder.
   */
  static void certificateVerdict(VerificationResult r, KeyType type, List<Failure> out) {
    for (Failure f : r.failures()) {
      if (f.code() == FailureCode.REVOKED && f.revocationReason().isPresent()) {
        RevocationReason reason = f.revocationReason().get();
        out.add(Failure.revoked(f.certificateIndex(), reason, RevocationAdvice.explain(type, reason)));
      } else {
        out.add(f);
      }
    }
  }

  static FailureCode firstCode(VerificationResult r) {
    return r.failures().isEmpty() ? FailureCode.MALFORMED_INPUT : r.failures().get(0).code();
  }

  static String firstMessage(VerificationResult r) {
    return r.failures().isEmpty() ? "no detail" : r.failures().get(0).message();
  }
}
