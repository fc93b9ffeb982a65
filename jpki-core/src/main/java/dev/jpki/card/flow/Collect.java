// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card.flow;

import dev.jpki.JpkiException;
import dev.jpki.card.HashAlgorithm;
import dev.jpki.card.KeyType;
import dev.jpki.card.MyNumberCard;
import dev.jpki.card.Pin;
import dev.jpki.card.PinType;
import dev.jpki.card.VerifyOption;
import dev.jpki.card.VisualApplet;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

/** Card operations shared by the collectors. */
final class Collect {
  static final int MIN_CHALLENGE = 16;
  static final int MAX_CHALLENGE = 1024;

  private Collect() {}

  static void checkChallenge(byte[] challenge) {
    if (challenge.length < MIN_CHALLENGE || challenge.length > MAX_CHALLENGE) {
      throw new IllegalArgumentException(
          "challenge must be " + MIN_CHALLENGE + " to " + MAX_CHALLENGE + " bytes of fresh randomness from the verifier");
    }
  }

  static void requireType(Pin pin, PinType... types) {
    for (PinType t : types) {
      if (pin.type() == t) {
        return;
      }
    }
    throw new IllegalArgumentException("this step needs a credential of type " + java.util.Arrays.toString(types)
        + ", not " + pin.type());
  }

  /**
   * Visual AP part: verifies 照合番号B or the DOB key, reads the card face or the age record and the
   * CVC, and has the card key sign the challenge. Everything happens while the visual AP stays selected
   * (selecting another AP clears the verification).
   */
  static void visual(MyNumberCard card, Pin credential, byte[] challenge, Evidence.Builder e, VerifyOption... options)
      throws JpkiException {
    VisualApplet v = card.visual();
    v.verify(credential, options);
    if (credential.type() == PinType.DATE_OF_BIRTH) {
      e.put(Evidence.AGE_RECORD, v.ageRecord().encoded());
    } else {
      e.put(Evidence.CARD_FACE, v.cardFaceFile());
    }
    e.put(Evidence.VISUAL_CVC, v.cardVerifiableCertificate());
    e.put(Evidence.CARD_KEY_SIGNATURE, v.signChallenge(challenge));
  }

  static byte[] signChallenge(MyNumberCard card, KeyType key, byte[] challenge) throws JpkiException {
    return card.jpki().signHash(key, HashAlgorithm.SHA256, sha256(challenge));
  }

  static byte[] der(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a certificate parsed from the card cannot be re-encoded", e);
    }
  }

  static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
