// SPDX-License-Identifier: Apache-2.0
package dev.jpki.pcsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jpki.card.CardSignature;
import dev.jpki.card.Pin;
import dev.jpki.card.WrongPinException;
import dev.jpki.pcsc.PcscException.Kind;
import dev.jpki.pcsc.fake.FakeCard;
import dev.jpki.pcsc.fake.FakeTerminal;
import dev.jpki.pcsc.fake.FakeTerminals;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * {@link PcscReaders#withFirstCard}: the loan entry point, through the real {@link PcscTransport} over
 * fake readers whose card is the testkit's virtual card (in process; the pcscd + vpcd path of the same
 * transport is covered by {@code CardApiPcscTest}).
 */
class WithFirstCardTest {
  private static final Persona PERSONA = Personas.get(Personas.DEFAULT);

  private final FakeTerminal empty = new FakeTerminal("Loan Test Reader 00 00");
  private final FakeTerminal slot = new FakeTerminal("Loan Test Reader 00 01");
  private final PcscReaders readers = PcscReaders.of(new FakeTerminals(empty, slot));

  @Test
  void withFirstCard_readsFromTheReaderWithACard_andDisconnects() throws Exception {
    slot.insert(PERSONA.newCard()::process);

    X509Certificate cert = readers.withFirstCard(card -> card.jpki().authCertificate());

    assertThat(cert).isEqualTo(PERSONA.authCertificate());
    assertThat(empty.connections()).isEmpty();
    FakeCard used = slot.lastConnection();
    assertThat(used.isDisconnected()).isTrue();
    // the reader is released: a second loan connects again (javax.smartcardio allows one per JVM)
    X509Certificate again = readers.withFirstCard(card -> card.jpki().authCertificate());
    assertThat(again).isEqualTo(cert);
    assertThat(slot.connections()).hasSizeGreaterThan(1);
  }

  @Test
  void withFirstCard_signsADocument() throws Exception {
    slot.insert(PERSONA.newCard()::process);
    byte[] document = "document".getBytes(StandardCharsets.UTF_8);

    CardSignature s;
    try (Pin password = Pin.signaturePassword(PERSONA.signPassword().toCharArray())) {
      s = readers.withFirstCard(card -> card.jpki().sign(password, document));
    }

    Signature v = Signature.getInstance(s.jcaSignatureAlgorithm());
    v.initVerify(s.certificate());
    v.update(document);
    assertThat(v.verify(s.signature())).isTrue();
    assertThat(slot.lastConnection().isDisconnected()).isTrue();
  }

  @Test
  void withFirstCard_workThrows_typedExceptionPropagates_andCardIsReleased() throws Exception {
    slot.insert(PERSONA.newCard()::process);

    WrongPinException e;
    try (Pin wrong = Pin.authentication("0000".toCharArray())) {
      e = catchThrowableOfType(WrongPinException.class, () -> readers.withFirstCard(card -> {
        card.jpki().verify(wrong);
        return "unreachable";
      }));
    }

    assertThat(e.remainingAttempts()).isEqualTo(2);
    assertThat(slot.lastConnection().isDisconnected()).isTrue();
    List<String> events = slot.lastConnection().events();
    assertThat(events).containsSubsequence("beginExclusive", "endExclusive");
    assertThat(events.get(events.size() - 1)).startsWith("disconnect");
  }

  @Test
  void withFirstCard_noCard_throwsNoCard_andWorkDoesNotRun() {
    AtomicBoolean ran = new AtomicBoolean();

    PcscException e = catchThrowableOfType(PcscException.class, () -> readers.withFirstCard(card -> ran.getAndSet(true)));

    assertThat(e.kind()).isEqualTo(Kind.NO_CARD);
    assertThat(ran).isFalse();
  }

  @Test
  void withFirstCardWaiting_cardAlreadyPresent_runs() throws Exception {
    slot.insert(PERSONA.newCard()::process);

    X509Certificate cert = readers.withFirstCard(Duration.ofSeconds(5), card -> card.jpki().authCertificate());

    assertThat(cert).isEqualTo(PERSONA.authCertificate());
  }

  @Test
  void withFirstCardWaiting_timeout_throwsNoCard() {
    PcscException e = catchThrowableOfType(PcscException.class,
        () -> readers.withFirstCard(Duration.ZERO, card -> card.jpki().authCertificate()));

    assertThat(e.kind()).isEqualTo(Kind.NO_CARD);
  }
}
