// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import dev.jpki.card.MyNumberCard;
import dev.jpki.testkit.Persona;
import dev.jpki.card.KeyType;
import dev.jpki.testkit.pki.TestPki;
import dev.jpki.testkit.transport.VirtualCardTransport;
import dev.jpki.verify.CertificateValidator;
import dev.jpki.verify.Fixtures;
import dev.jpki.verify.SignatureVerifier;
import dev.jpki.verify.card.CardDataVerifier;
import dev.jpki.verify.revocation.CrlIndex;
import dev.jpki.verify.revocation.Revocation;
import dev.jpki.verify.revocation.RevocationSource;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.LocalDate;

/** Server-side set-up of the flow verifiers over the test PKI, at the test reference time. */
final class FlowFixtures {
  static final TestPki PKI = TestPki.get();
  static final Clock CLOCK = Fixtures.CLOCK;
  /** The Japanese calendar day of the reference time. */
  static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

  private FlowFixtures() {}

  static RevocationSource crls() {
    try {
      return Revocation.crl(
          CrlIndex.parse(PKI.crl(KeyType.SIGNATURE, CLOCK.instant()).getEncoded()),
          CrlIndex.parse(PKI.crl(KeyType.AUTHENTICATION, CLOCK.instant()).getEncoded()));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static CardDataVerifier cardData() {
    return CardDataVerifier.builder()
        .issuerKey("6000023/001", PKI.visualApCvcCaPublicKey())
        .issuerKey("6000033/001", PKI.textApCvcCaPublicKey())
        .clock(CLOCK)
        .build();
  }

  static SignatureVerifier signatures(KeyType type) {
    return SignatureVerifier.builder(certificates()).certificateType(type).build();
  }

  static CertificateValidator certificates() {
    return Fixtures.validator(crls());
  }

  static AgeVerifier ageVerifier() {
    return AgeVerifier.builder()
        .cardData(cardData())
        .signatures(signatures(KeyType.SIGNATURE))
        .challenges(FlowChallenges.inMemory(CLOCK))
        .build();
  }

  static FaceToFaceVerifier faceToFace(RegistrationStore store) {
    return FaceToFaceVerifier.builder()
        .cardData(cardData())
        .signatures(signatures(KeyType.AUTHENTICATION))
        .registrations(store)
        .challenges(FlowChallenges.inMemory(CLOCK))
        .build();
  }

  static MyNumberCard open(Persona p) {
    return MyNumberCard.open(VirtualCardTransport.of(p.newCard()));
  }

  /** Evidence bytes with one field's value replaced (what a lying reader could send). */
  static byte[] replaceField(byte[] encoded, int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(encoded, 0, 4);
    int pos = 4;
    while (pos < encoded.length) {
      int t = encoded[pos] & 0xFF;
      int len = ((encoded[pos + 1] & 0xFF) << 24) | ((encoded[pos + 2] & 0xFF) << 16)
          | ((encoded[pos + 3] & 0xFF) << 8) | (encoded[pos + 4] & 0xFF);
      byte[] v = java.util.Arrays.copyOfRange(encoded, pos + 5, pos + 5 + len);
      if (t == tag) {
        v = value;
      }
      out.write(t);
      out.write(v.length >>> 24);
      out.write(v.length >>> 16);
      out.write(v.length >>> 8);
      out.write(v.length);
      out.write(v, 0, v.length);
      pos += 5 + len;
    }
    return out.toByteArray();
  }

  static byte[] field(byte[] encoded, int tag) {
    int pos = 4;
    while (pos < encoded.length) {
      int t = encoded[pos] & 0xFF;
      int len = ((encoded[pos + 1] & 0xFF) << 24) | ((encoded[pos + 2] & 0xFF) << 16)
          | ((encoded[pos + 3] & 0xFF) << 8) | (encoded[pos + 4] & 0xFF);
      if (t == tag) {
        return java.util.Arrays.copyOfRange(encoded, pos + 5, pos + 5 + len);
      }
      pos += 5 + len;
    }
    throw new AssertionError("no field " + tag);
  }
}
