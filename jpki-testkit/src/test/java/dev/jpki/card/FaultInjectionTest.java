// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import static dev.jpki.card.VirtualCards.chars;
import static dev.jpki.card.VirtualCards.date;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.internal.Hex;
import dev.jpki.JpkiException;
import dev.jpki.apdu.TransportException;
import dev.jpki.card.jca.JpkiLoadParameter;
import dev.jpki.card.jca.JpkiProvider;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.card.ForwardingApduProcessor;
import dev.jpki.testkit.card.VirtualMyNumberCard;
import dev.jpki.testkit.transport.FaultInjectingTransport;
import dev.jpki.testkit.transport.FaultInjectingTransport.Fault;
import dev.jpki.testkit.transport.VirtualCardTransport;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Fault injection at every APDU of every card flow the public API offers, on the virtual card.
 *
 * <p>For each flow the suite first runs it cleanly to learn its result and APDU count, then, for every
 * exchange index and every fault of {@link #faults(int)} (transport error before sending, response lost
 * after the card acted, truncated response, unexpected status words, garbage), runs it on a fresh card
 * with that one fault and checks the contract:
 *
 * <ul>
 *   <li>the flow either returns exactly the clean result or throws a typed {@link JpkiException} (the JCA
 *       flow: a JCA exception caused by one) — never a raw {@code RuntimeException}, an {@code Error} or
 *       a wrong value;
 *   <li>a lost or unsent VERIFY is reported as {@link TransportException#outcomeUnknown()};
 *   <li>no PIN value reaches the card twice in one user action (counted on the card side);
 *   <li>no retry counter of the card moves by more than one per user action;
 *   <li>the session stays open and usable: the same flow, run again on the same session (the fault was
 *       transient), returns the clean result. A failed exchange makes the session forget what the card
 *       had selected and verified, so the next operation starts over; it never closes the session.
 * </ul>
 */
class FaultInjectionTest {
  private static final Persona P = Personas.get(Personas.DEFAULT);
  private static final byte[] DOCUMENT = "fault-injection document".getBytes(StandardCharsets.UTF_8);
  private static final String NEW_AUTH_PIN = "8642";
  private static final JpkiProvider PROVIDER = new JpkiProvider();

  /** One user action on a session; returns a digest of everything it obtained from the card. */
  @FunctionalInterface
  interface Flow {
    String run(MyNumberCard card) throws Exception;
  }

  /** Every flow, with the credentials of persona {@code p}. */
  static Map<String, Flow> flows(Persona p) {
    Map<String, Flow> m = new java.util.LinkedHashMap<>();
    m.put("info", card -> card.info().toString());
    m.put("certificates without PIN", card -> digest(card.jpki().authCertificate().getEncoded(),
        card.jpki().caCertificate(KeyType.AUTHENTICATION).getEncoded(),
        card.jpki().caCertificate(KeyType.SIGNATURE).getEncoded(), card.jpki().token().toString().getBytes()));
    m.put("signature certificate", card -> {
      try (Pin pw = Pin.signaturePassword(chars(p.signPassword()))) {
        return digest(card.jpki().signatureCertificate(pw).getEncoded());
      }
    });
    m.put("pin status", card -> card.jpki().pinStatus(PinType.AUTHENTICATION) + " "
        + card.jpki().pinStatus(PinType.SIGNATURE) + " " + card.text().pinStatus(PinType.TEXT) + " "
        + card.visual().pinStatus(PinType.VERIFICATION_B) + " " + card.common().pinStatus(PinType.COMMON));
    m.put("verify + sign with the authentication key", card -> {
      try (Pin pin = Pin.authentication(chars(p.authPin()))) {
        card.jpki().verify(pin);
        byte[] sig = card.jpki().signHash(KeyType.AUTHENTICATION, HashAlgorithm.SHA256, sha256(DOCUMENT));
        return verifies(p.authCertificate().getPublicKey(), sig);
      }
    });
    m.put("verify + sign with the signature key", card -> {
      try (Pin pw = Pin.signaturePassword(chars(p.signPassword()))) {
        card.jpki().verify(pw);
        byte[] sig = card.jpki().signHash(KeyType.SIGNATURE, HashAlgorithm.SHA256, sha256(DOCUMENT));
        return verifies(p.signCertificate().orElseThrow().getPublicKey(), sig);
      }
    });
    m.put("text AP with the text PIN", card -> {
      try (Pin pin = Pin.text(chars(p.textPin()))) {
        MyNumber n = card.text().myNumber(pin);
        BasicInfo b = card.text().basicInfo();
        return digest(n.digits().getBytes(), b.encoded(), card.text().integrityRecord(),
            card.text().cardVerifiableCertificate(), card.text().signedCardKey());
      }
    });
    m.put("text AP with verification codes A and B", card -> {
      try (Pin a = Pin.verificationCodeA(MyNumber.of(p.myNumber()));
          Pin b = Pin.verificationCodeB(date(p.birthDate()), p.cardExpiry().getYear(), chars(p.securityCode()))) {
        return digest(card.text().myNumber(a).digits().getBytes(), card.text().basicInfo(b).encoded());
      }
    });
    m.put("text AP challenge", card -> {
      byte[] challenge = {1, 2, 3, 4, 5, 6, 7, 8};
      return verifiesRaw(p.textCardKeyPair().orElseThrow().getPublic(), challenge, card.text().signChallenge(challenge));
    });
    m.put("visual AP with verification code B", card -> {
      try (Pin b = Pin.verificationCodeB(chars(p.pinB()))) {
        CardFace face = card.visual().cardFace(b);
        byte[] challenge = {8, 7, 6, 5, 4, 3, 2, 1};
        boolean live = face.isChallengeSignatureValid(challenge, card.visual().signChallenge(challenge));
        return digest(face.encoded(), face.photo(), face.nameImage()) + live;
      }
    });
    m.put("age record with the DOB key", card -> {
      try (Pin dob = Pin.dateOfBirthKey(date(p.birthDate()))) {
        AgeRecord age = card.visual().ageRecord(dob);
        return digest(age.birthDate().toString().getBytes(), age.cardPublicKey().getEncoded());
      }
    });
    m.put("common AP", card -> digest(card.common().record().encoded()));
    m.put("JCA provider signing with both keys", card -> {
      KeyStore ks = KeyStore.getInstance("JPKI", PROVIDER);
      ks.load(JpkiLoadParameter.of(card));
      StringBuilder sb = new StringBuilder(digest(ks.getCertificate("auth").getEncoded()));
      for (String alias : new String[] {"auth", "sign"}) {
        String secret = alias.equals("auth") ? p.authPin() : p.signPassword();
        PrivateKey key = (PrivateKey) ks.getKey(alias, secret.toCharArray());
        Signature s = Signature.getInstance("SHA256withRSA", PROVIDER);
        s.initSign(key);
        s.update(DOCUMENT);
        PublicKey pub = alias.equals("auth") ? p.authCertificate().getPublicKey()
            : p.signCertificate().orElseThrow().getPublicKey();
        sb.append(verifiesRaw(pub, DOCUMENT, s.sign()));
      }
      return sb.toString();
    });
    m.put("wrong signature password", card -> {
      try (Pin wrong = Pin.signaturePassword(chars("WRONG9"))) {
        card.jpki().verify(wrong);
        return "accepted";
      } catch (WrongPinException e) {
        return "WrongPinException";
      }
    });
    return m;
  }

  /**
   * Status words a card may really answer: the flow believes them (the card is the authority on its
   * own state, e.g. 6A82 "no such application" or 63C0 "blocked"), so such a fault may change the result;
   * the others here are protocol noise that must end in the right value or a typed error.
   */
  private static final int[] STATEMENTS = {0x6982, 0x6A82, 0x63C0, 0x6983, 0x9000};
  private static final int[] NOISE = {0x6F00, 0x6C08, 0x6110};

  /**
   * Exhaustive with {@code -Djpki.fuzz.tries} above 1000 (the {@code fuzz} profile): every status word
   * and both truncations at every APDU. The normal build rotates them over the APDUs (every word still
   * meets every flow of 8 APDUs or more, and all of them hit every VERIFY, CHANGE REFERENCE DATA and
   * signature), which keeps the suite to seconds.
   */
  private static final boolean EXHAUSTIVE = Integer.getInteger("jpki.fuzz.tries", 0) > 1000;

  /** The faults injected at exchange {@code index}; garbage is seeded by the index, so failures replay. */
  private static List<Fault> faults(int index, int ins) {
    List<Fault> f = new java.util.ArrayList<>(List.of(Fault.failBeforeSend(), Fault.responseLost(),
        Fault.garbage(index)));
    if (EXHAUSTIVE) {
      f.add(Fault.truncated(1));
      f.add(Fault.truncated(100));
    } else {
      // a response cut inside its status word, or inside its data (most data responses are longer)
      f.add(Fault.truncated(index % 2 == 0 ? 1 : 100));
    }
    int[] all = java.util.stream.IntStream.concat(java.util.Arrays.stream(STATEMENTS), java.util.Arrays.stream(NOISE))
        .toArray();
    // Every status word at each VERIFY, CHANGE REFERENCE DATA and signature: where a PIN or a key is used.
    if (EXHAUSTIVE || ins == 0x20 || ins == 0x24 || ins == 0x2A) {
      for (int sw : all) {
        f.add(Fault.statusWord(sw));
      }
    } else {
      f.add(Fault.statusWord(all[index % all.length]));
    }
    return f;
  }

  /** Whether the fault replaced the card's answer to the SELECT of an optional application. */
  private static boolean answersOptionalSelect(Rig rig, int index, Fault fault) {
    if (fault.kind() != FaultInjectingTransport.Kind.STATUS_WORD && fault.kind() != FaultInjectingTransport.Kind.GARBAGE) {
      return false;
    }
    List<byte[]> sent = rig.recorder.commands;
    if (index < 1 || index > sent.size()) {
      return false;
    }
    byte[] c = sent.get(index - 1);
    boolean selectDf = c.length > 5 && (c[1] & 0xFF) == 0xA4 && c[2] == 0x04;
    byte[] jpkiAid = {(byte) 0xD3, (byte) 0x92, (byte) 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01}; // JPKI AP
    boolean jpki = c.length >= 5 + jpkiAid.length
        && java.util.Arrays.equals(java.util.Arrays.copyOfRange(c, 5, 5 + jpkiAid.length), jpkiAid);
    return selectDf && !jpki;
  }

  /**
   * Whether the response the fault delivered is something a card may really say, which the SDK must
   * believe: an injected status word of {@link #STATEMENTS}, or a corrupted (truncated, garbage) response
   * that happens to end in a well-formed ISO 7816 status word (SW1 6X or 9X) — e.g. garbage ending in
   * {@code 6A82} after SELECT means "no such application" as far as anyone can tell.
   */
  private static boolean isCardStatement(Fault fault, FaultInjectingTransport transport) {
    if (fault.kind() == FaultInjectingTransport.Kind.GARBAGE || fault.kind() == FaultInjectingTransport.Kind.TRUNCATED) {
      int sw1 = transport.lastInjectedStatusWord() >> 8;
      return (sw1 >= 0x60 && sw1 <= 0x6F) || (sw1 >= 0x90 && sw1 <= 0x9F);
    }
    if (fault.kind() != FaultInjectingTransport.Kind.STATUS_WORD) {
      return false;
    }
    for (int sw : STATEMENTS) {
      if (fault.toString().equals(Fault.statusWord(sw).toString())) {
        return true;
      }
    }
    return false;
  }

  @TestFactory
  Stream<DynamicTest> everyFaultAtEveryApdu_ofEveryFlow() {
    return flows(P).entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      Flow flow = e.getValue();
      Rig clean = new Rig(P);
      String expected = clean.run(flow);
      int apdus = clean.transport.calls();
      List<Integer> ins = clean.transport.instructions();
      assertThat(apdus).as("the clean run sends APDUs").isPositive();
      for (int i = 1; i <= apdus; i++) {
        for (Fault fault : faults(i, ins.get(i - 1))) {
          check(e.getKey(), flow, expected, i, fault);
        }
      }
    }));
  }

  /**
   * The same flows over a PC/SC-like extended-length transport (8192-byte responses): fewer, larger
   * APDUs, so a fault hits a whole certificate or photo read at once. The transport-level faults only;
   * the status words are covered by the short-APDU run above.
   */
  @TestFactory
  Stream<DynamicTest> transportFaults_overExtendedLength() {
    return flows(P).entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      Rig clean = new Rig(P, VirtualCards.PCSC);
      String expected = clean.run(e.getValue());
      int apdus = clean.transport.calls();
      for (int i = 1; i <= apdus; i++) {
        for (Fault fault : List.of(Fault.failBeforeSend(), Fault.responseLost(), Fault.truncated(100),
            Fault.garbage(1000 + i))) {
          check(e.getKey() + " (extended)", e.getValue(), expected, i, fault, VirtualCards.PCSC);
        }
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> changePin_underEveryFault_endsWithTheOldOrTheNewPin() {
    return Stream.of(DynamicTest.dynamicTest("change the authentication PIN", () -> {
      Flow change = card -> {
        try (Pin old = Pin.authentication(chars(P.authPin()));
            Pin neu = Pin.authentication(chars(NEW_AUTH_PIN))) {
          card.jpki().changePin(old, neu);
          return "changed";
        }
      };
      Rig clean = new Rig(P);
      assertThat(clean.run(change)).isEqualTo("changed");
      int apdus = clean.transport.calls();
      List<Integer> ins = clean.transport.instructions();
      for (int i = 1; i <= apdus; i++) {
        for (Fault fault : faults(i, ins.get(i - 1))) {
          String what = "change PIN, " + fault + " at APDU " + i;
          Rig rig = new Rig(P);
          rig.transport.inject(i, fault);
          Map<String, Integer> before = rig.tries();
          try {
            assertThat(rig.run(change)).as(what).isEqualTo("changed");
          } catch (Exception ex) {
            assertTyped(what, ex);
            assertOutcomeUnknownIfVerifyLost(what, rig, fault, ex);
          }
          rig.assertNoPinSentTwice(what);
          rig.assertTriesMovedAtMostOne(what, before);
          // Usable afterwards: the card holds the old or the new PIN and the session verifies it.
          rig.card.resetPinSends();
          Map<String, Integer> after = rig.tries();
          boolean newWorks;
          try (Pin neu = Pin.authentication(chars(NEW_AUTH_PIN))) {
            rig.session.jpki().verify(neu);
            newWorks = true;
          } catch (WrongPinException ex) {
            newWorks = false;
          }
          if (!newWorks) {
            try (Pin old = Pin.authentication(chars(P.authPin()))) {
              rig.session.jpki().verify(old);
            }
          }
          assertThat(rig.session.jpki().isVerified(PinType.AUTHENTICATION)).as(what).isTrue();
          rig.assertTriesMovedAtMostOne(what + " (recovery)", after);
        }
      }
    }));
  }

  private static void check(String name, Flow flow, String expected, int index, Fault fault) throws Exception {
    check(name, flow, expected, index, fault, VirtualCards.SHORT);
  }

  private static void check(String name, Flow flow, String expected, int index, Fault fault,
      dev.jpki.apdu.TransportCapabilities caps) throws Exception {
    String what = name + ", " + fault + " at APDU " + index;
    Rig rig = new Rig(P, caps);
    rig.transport.inject(index, fault);
    Map<String, Integer> before = rig.tries();
    try {
      String got = rig.run(flow);
      if (isCardStatement(fault, rig.transport)) {
        got = expected; // a different answer from the card may lead to a different, correct result
      }
      if (name.equals("info") && answersOptionalSelect(rig, index, fault)) {
        // any answer but 9000 to an optional application's SELECT means "not present" in info()
        // (docs/card-protocol.md §16): a different, correct result
        got = expected;
      }
      assertThat(got).as(what + ": a flow that succeeds despite the fault returns the right value")
          .isEqualTo(expected);
    } catch (Exception ex) {
      assertTyped(what, ex);
      assertOutcomeUnknownIfVerifyLost(what, rig, fault, ex);
    }
    assertThat(rig.transport.faultsFired()).as(what + ": the fault fired").isEqualTo(1);
    rig.assertNoPinSentTwice(what);
    rig.assertTriesMovedAtMostOne(what, before);

    // The session is still open and, the fault being transient, the same action now succeeds.
    assertThat(rig.session.isClosed()).as(what + ": session stays open").isFalse();
    rig.card.resetPinSends();
    Map<String, Integer> beforeRerun = rig.tries();
    String again;
    try {
      again = rig.run(flow);
    } catch (Exception ex) {
      throw new AssertionError(what + ": the session is not usable after the fault: " + ex, ex);
    }
    assertThat(again).as(what + ": the same flow on the same session after the fault").isEqualTo(expected);
    rig.assertNoPinSentTwice(what + " (rerun)");
    rig.assertTriesMovedAtMostOne(what + " (rerun)", beforeRerun);
  }

  /** Only the SDK's typed exceptions, or JCA exceptions caused by them. */
  static void assertTyped(String what, Throwable ex) {
    if (ex instanceof JpkiException) {
      return;
    }
    if (ex instanceof java.security.GeneralSecurityException || ex instanceof java.io.IOException) {
      for (Throwable c = ex.getCause(); c != null; c = c.getCause()) {
        if (c instanceof JpkiException) {
          return;
        }
      }
    }
    throw new AssertionError(what + ": expected a typed JpkiException, got " + ex, ex);
  }

  private static void assertOutcomeUnknownIfVerifyLost(String what, Rig rig, Fault fault, Exception ex) {
    boolean verifyWithData = rig.transport.lastFaultyInstruction() == 0x20 && rig.transport.lastFaultyCommandCarriedData();
    boolean lost = fault.kind() == FaultInjectingTransport.Kind.RESPONSE_LOST
        || fault.kind() == FaultInjectingTransport.Kind.FAIL_BEFORE_SEND;
    if (verifyWithData && lost) {
      TransportException te = find(ex, TransportException.class);
      assertThat(te).as(what + ": a lost VERIFY is a TransportException").isNotNull();
      assertThat(te.outcomeUnknown()).as(what + ": a lost VERIFY's outcome is unknown").isTrue();
    }
  }

  private static <T extends Throwable> T find(Throwable ex, Class<T> type) {
    for (Throwable c = ex; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  /** A fresh card of a persona behind a counting processor and a fault injector. */
  static final class Rig {
    final CountingCard card;
    final FaultInjectingTransport transport;
    /** Every command the session sent, in order (the n-th is "APDU n"). */
    final ReaderModelsTest.Recorder recorder;
    final MyNumberCard session;

    Rig(Persona persona) {
      this(persona, VirtualCards.SHORT);
    }

    Rig(Persona persona, dev.jpki.apdu.TransportCapabilities caps) {
      card = new CountingCard(persona.newCard());
      VirtualCardTransport vt = VirtualCardTransport.builder(card).capabilities(caps).build();
      transport = FaultInjectingTransport.wrap(vt);
      recorder = new ReaderModelsTest.Recorder(transport);
      session = MyNumberCard.open(recorder);
    }

    String run(Flow flow) throws Exception {
      return flow.run(session);
    }

    Map<String, Integer> tries() {
      Map<String, Integer> m = new HashMap<>();
      for (dev.jpki.testkit.card.Application app : dev.jpki.testkit.card.Application.values()) {
        for (int fid = 0; fid < 0x20; fid++) {
          java.util.OptionalInt t = card.card.triesLeft(app, fid);
          if (t.isPresent()) {
            m.put(app + "/" + fid, t.getAsInt());
          }
        }
      }
      assertThat(m).as("the card has credentials").isNotEmpty();
      return m;
    }

    void assertTriesMovedAtMostOne(String what, Map<String, Integer> before) {
      Map<String, Integer> after = tries();
      for (Map.Entry<String, Integer> e : before.entrySet()) {
        assertThat(e.getValue() - after.get(e.getKey()))
            .as(what + ": retry counter of " + e.getKey() + " moved by at most one").isLessThanOrEqualTo(1);
      }
    }

    void assertNoPinSentTwice(String what) {
      for (Map.Entry<String, Integer> e : card.pinSends.entrySet()) {
        assertThat(e.getValue()).as(what + ": a credential value reached the card " + e.getValue()
            + " times for " + e.getKey().substring(0, e.getKey().indexOf(':'))).isLessThanOrEqualTo(1);
      }
    }
  }

  /**
   * Wraps the virtual card to count, on the card side, how often each credential value arrives in a
   * VERIFY or CHANGE REFERENCE DATA.
   */
  static final class CountingCard extends ForwardingApduProcessor {
    final VirtualMyNumberCard card;
    final Map<String, Integer> pinSends = new HashMap<>();

    CountingCard(VirtualMyNumberCard card) {
      super(card);
      this.card = card;
    }

    void resetPinSends() {
      pinSends.clear();
    }

    @Override
    public byte[] process(byte[] command) {
      int ins = command.length >= 2 ? command[1] & 0xFF : -1;
      if (ins == 0x20 || ins == 0x24) {
        byte[] data = dev.jpki.internal.Apdu.parse(command).data();
        if (data.length > 0) {
          // Keyed by the value only: a re-issue with another Le is the same PIN sent again.
          String key = card.currentApplication() + " P2=" + (command[3] & 0xFF) + ":" + Hex.encode(data);
          pinSends.merge(key, 1, Integer::sum);
        }
      }
      return card.process(command);
    }
  }

  static String digest(byte[]... parts) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    for (byte[] p : parts) {
      md.update(p);
      md.update((byte) 0);
    }
    return Hex.encode(md.digest());
  }

  static byte[] sha256(byte[] data) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }

  private static String verifies(PublicKey key, byte[] sig) throws Exception {
    return verifiesRaw(key, DOCUMENT, sig);
  }

  private static String verifiesRaw(PublicKey key, byte[] data, byte[] sig) throws Exception {
    Signature v = Signature.getInstance("SHA256withRSA");
    v.initVerify(key);
    v.update(data);
    return v.verify(sig) ? "signature valid" : "signature INVALID";
  }
}
