// SPDX-License-Identifier: Apache-2.0
package dev.jpki.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import android.nfc.TagLostException;
import android.nfc.tech.IsoDep;
import dev.jpki.apdu.ExtendedLength;
import dev.jpki.apdu.TransportException;
import dev.jpki.card.KeyType;
import dev.jpki.card.MyNumberCard;
import dev.jpki.card.Pin;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.card.ApduProcessor;
import dev.jpki.testkit.card.Application;
import dev.jpki.testkit.card.VirtualMyNumberCard;
import dev.jpki.testkit.reader.ReaderCards;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The testkit's phone models behind a Mockito {@link IsoDep} (docs/card-protocol.md §16): a phone whose NFC
 * stack loses the tag on responses above a size it does not report, and a stack answering {@code 6700} to
 * extended Le. A lost tag stays lost until the next tap, as on a phone. Every flow returns the same data
 * as on a perfect phone or fails with {@code CARD_REMOVED}; the PIN is sent once and no try is spent.
 */
class ReaderModelsNfcTest {
  private static final Persona P = Personas.get(Personas.DEFAULT);
  private static final IsoDepTransport.Options PROVE =
      IsoDepTransport.Options.builder().extendedLength(dev.jpki.apdu.ExtendedLength.PROVE).build();

  private VirtualMyNumberCard card;
  private final List<byte[]> sent = new ArrayList<>();
  private final AtomicBoolean tagLost = new AtomicBoolean();

  @BeforeEach
  void newCard() {
    card = P.newCard();
  }

  /** A phone with extended length whose NFC stack loses the tag on responses over {@code maxResponse}. */
  private IsoDep phone(ApduProcessor cardSide, int maxResponse) throws Exception {
    IsoDep isoDep = IsoDepTransportTest.mockIsoDep(card, new ArrayList<>(), true, 65279);
    when(isoDep.transceive(any(byte[].class))).thenAnswer(inv -> {
      byte[] c = inv.getArgument(0);
      sent.add(c.clone());
      if (tagLost.get()) {
        throw mock(TagLostException.class);
      }
      byte[] r = cardSide.process(c);
      if (r.length > maxResponse) {
        tagLost.set(true);
        throw mock(TagLostException.class);
      }
      return r;
    });
    return isoDep;
  }

  private long verifiesWithData() {
    return sent.stream().filter(c -> (c[1] & 0xFF) == 0x20 && c.length > 5).count();
  }

  private long extendedReads() {
    return sent.stream().filter(c -> (c[1] & 0xFF) == 0xB0 && c.length == 7).count();
  }

  private void assertTriesFull() {
    assertThat(card.triesLeft(Application.JPKI, 0x0018)).hasValue(3);
    assertThat(card.triesLeft(Application.JPKI, 0x001B)).hasValue(5);
  }

  @Test
  void defaultShortReads_onAPhoneDeliveringOnly300Bytes_everyFlowWorks() throws Exception {
    try (MyNumberCard s = MyNumberCard.open(IsoDepTransport.connect(phone(card, 300), IsoDepTransport.Options.defaults()));
        Pin pw = Pin.signaturePassword(P.signPassword().toCharArray());
        Pin b = Pin.verificationCodeB(P.pinB().toCharArray())) {
      assertThat(s.capabilities().sizing()).isIn(ExtendedLength.AUTO, ExtendedLength.NEVER);
      assertThat(s.jpki().authCertificate()).isEqualTo(P.authCertificate());
      assertThat(s.jpki().signatureCertificate(pw)).isEqualTo(P.signCertificate().get());
      s.visual().verify(b);
      assertThat(s.visual().cardFaceFile()).isNotEmpty();
      assertThat(extendedReads()).isZero();
      assertThat(verifiesWithData()).isEqualTo(2);
      assertTriesFull();
    }
  }

  @Test
  void prove_onAPhoneDelivering1300Bytes_provesWithTheFirstCertificate_thenReadsUpToTheSafeCap() throws Exception {
    try (MyNumberCard s = MyNumberCard.open(IsoDepTransport.connect(phone(card, 1300), PROVE));
        Pin pin = Pin.authentication(P.authPin().toCharArray())) {
      assertThat(s.jpki().authCertificate()).isEqualTo(P.authCertificate());
      assertThat(s.provenResponseData()).isGreaterThan(256);
      assertThat(s.jpki().caCertificate(KeyType.AUTHENTICATION)).isNotNull();
      byte[] digestInfo = dev.jpki.card.HashAlgorithm.SHA256.digestInfo(new byte[32]);
      byte[] sig = s.jpki().verifyAndSign(KeyType.AUTHENTICATION, pin, digestInfo);
      Signature v = Signature.getInstance("NONEwithRSA");
      v.initVerify(P.authCertificate().getPublicKey());
      v.update(digestInfo);
      assertThat(v.verify(sig)).isTrue();
      assertThat(s.fellBackToShortReads()).isFalse();
      List<byte[]> reads = sent.stream().filter(c -> (c[1] & 0xFF) == 0xB0).toList();
      assertThat(reads.get(0)).hasSize(5); // the auth certificate's header, short
      // then the proving read and every later one extended, none asking for more than the safe cap
      assertThat(reads.subList(1, reads.size())).allSatisfy(c -> {
        assertThat(c).hasSize(7);
        assertThat(((c[5] & 0xFF) << 8) | (c[6] & 0xFF)).isLessThanOrEqualTo(IsoDepTransport.SAFE_MAX_RESPONSE_LENGTH - 2);
      });
      assertThat(verifiesWithData()).isEqualTo(1);
    }
  }

  @Test
  void prove_onAPhoneThatLosesTheTagAbove600Bytes_cardRemoved_noVerifySent_nextTapWithDefaultsWorks() throws Exception {
    try (MyNumberCard s = MyNumberCard.open(IsoDepTransport.connect(phone(card, 600), PROVE))) {
      assertThatThrownBy(() -> s.jpki().authCertificate())
          .isInstanceOfSatisfying(TransportException.class,
              e -> assertThat(e.reason()).isEqualTo(TransportException.Reason.CARD_REMOVED));
      assertThat(s.fellBackToShortReads()).isTrue();
      // the proving read lost the tag; the short re-read after it found the tag gone: bounded, typed
      assertThat(sent).hasSizeLessThanOrEqualTo(5);
    }
    assertThat(verifiesWithData()).isZero();
    tagLost.set(false);
    card.reset(); // the next tap powers the card again
    try (MyNumberCard s = MyNumberCard.open(IsoDepTransport.connect(phone(card, 600), IsoDepTransport.Options.defaults()))) {
      assertThat(s.jpki().authCertificate()).isEqualTo(P.authCertificate());
    }
  }

  @Test
  void prove_withAStackAnswering6700ToExtendedLe_fallsBack_sameData_passwordOnce() throws Exception {
    try (MyNumberCard s = MyNumberCard.open(IsoDepTransport.connect(phone(ReaderCards.refusesExtendedLe(card), 65538), PROVE));
        Pin pw = Pin.signaturePassword(P.signPassword().toCharArray())) {
      assertThat(s.jpki().signatureCertificate(pw)).isEqualTo(P.signCertificate().get());
      assertThat(s.jpki().authCertificate()).isEqualTo(P.authCertificate());
      assertThat(s.fellBackToShortReads()).isTrue();
      assertThat(extendedReads()).isEqualTo(1);
      assertThat(verifiesWithData()).isEqualTo(1);
      assertTriesFull();
    }
  }

  @Test
  void tagLostMidSignature_cardRemoved_signatureNotRepeated_pinSentOnce() throws Exception {
    IsoDep isoDep = phone(card, 65538);
    byte[] digestInfo = dev.jpki.card.HashAlgorithm.SHA256.digestInfo(new byte[32]);
    try (MyNumberCard s = MyNumberCard.open(IsoDepTransport.connect(isoDep, IsoDepTransport.Options.defaults()));
        Pin pin = Pin.authentication(P.authPin().toCharArray())) {
      s.jpki().verify(pin);
      tagLost.set(true); // the phone moved away before the signature
      assertThatThrownBy(() -> s.jpki().signDigestInfo(KeyType.AUTHENTICATION, digestInfo))
          .isInstanceOfSatisfying(TransportException.class,
              e -> assertThat(e.reason()).isEqualTo(TransportException.Reason.CARD_REMOVED));
    }
    assertThat(sent.stream().filter(c -> (c[1] & 0xFF) == 0x2A).count()).isLessThanOrEqualTo(1);
    assertThat(verifiesWithData()).isEqualTo(1);
    assertTriesFull();
  }
}
