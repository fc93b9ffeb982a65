package dev.jpki.card;

import static dev.jpki.card.VirtualCards.chars;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.apdu.CountingTransport;
import dev.jpki.JpkiException;
import dev.jpki.apdu.TransportCapabilities;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.reader.ReaderTransports;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * APDU counts of every flow on a fresh session with the default persona, for short APDUs (the default on
 * PC/SC and NFC), a PC/SC reader whose extended length was opted in or proven (8192-byte responses), full
 * extended length, and the fallback: extended opted in on a CCID reader with a 271-byte buffer, whose
 * first large response fails so the session reads short from then on. The first three are asserted twice:
 * against the lower bound computed from the persona's file sizes (one SELECT per application and file,
 * one free counter query and one VERIFY per credential, ceil(size / chunk) READ BINARYs) and against the
 * number printed in jpki-core/README.md; the fallback costs at most one APDU (the failed extended READ
 * BINARY) more than short APDUs and is asserted against the README.
 */
class RoundTripTest {
  private static final Persona P = Personas.get(Personas.DEFAULT);

  @FunctionalInterface
  interface Flow {
    void run(MyNumberCard card) throws JpkiException;
  }

  /** A flow, its lower bound as a function of the chunk size, and the README numbers. */
  private static final class Case {
    final Flow flow;
    final java.util.function.IntUnaryOperator lowerBound;
    final int[] readme; // short, pcsc, extended, fallback

    Case(Flow flow, java.util.function.IntUnaryOperator lowerBound, int... readme) {
      this.flow = flow;
      this.lowerBound = lowerBound;
      this.readme = readme;
    }
  }

  private static int reads(int size, int chunk) {
    return (size + chunk - 1) / chunk;
  }

  private static final Sizes SIZES = Sizes.measure();

  /** TLV sizes of the persona's files, measured once through the API. */
  private static final class Sizes {
    int authCert;
    int authCa;
    int signCert;
    int basicInfo;
    int integrity;
    int textCvc;
    int cardFace;
    int ageRecord;

    static Sizes measure() {
      Sizes s = new Sizes();
      try (MyNumberCard card = MyNumberCard.open(VirtualCards.transport(Personas.DEFAULT, VirtualCards.EXTENDED));
          Pin pw = Pin.signaturePassword(chars(P.signPassword()));
          Pin text = Pin.text(chars(P.textPin()));
          Pin b = Pin.verificationCodeB(chars(P.pinB()));
          Pin dob = Pin.dateOfBirthKey(chars(P.dobKey()))) {
        s.authCert = card.jpki().authCertificate().getEncoded().length;
        s.authCa = card.jpki().caCertificate(KeyType.AUTHENTICATION).getEncoded().length;
        s.signCert = card.jpki().signatureCertificate(pw).getEncoded().length;
        card.text().verify(text);
        s.basicInfo = card.text().basicInfoFile().length;
        s.integrity = card.text().integrityRecord().length;
        s.textCvc = card.text().cardVerifiableCertificate().length;
        card.visual().verify(b);
        s.cardFace = card.visual().cardFaceFile().length;
        card.visual().verify(dob);
        s.ageRecord = card.visual().ageRecord().encoded().length;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return s;
    }
  }

  private static Map<String, Case> cases() {
    Map<String, Case> m = new LinkedHashMap<>();
    m.put("token type (JPKI EF 0006)", new Case(c -> c.jpki().token(), k -> 3, 3, 3, 3, 3));
    m.put("PIN status of one credential", new Case(c -> c.jpki().pinStatus(PinType.AUTHENTICATION), k -> 3, 3, 3, 3, 3));
    m.put("auth certificate", new Case(c -> c.jpki().authCertificate(),
        k -> 2 + reads(SIZES.authCert, k), 7, 3, 3, 8));
    m.put("auth CA certificate", new Case(c -> c.jpki().caCertificate(KeyType.AUTHENTICATION),
        k -> 2 + reads(SIZES.authCa, k), 8, 3, 3, 9));
    m.put("signature certificate with password", new Case(c -> {
      try (Pin pw = Pin.signaturePassword(chars(P.signPassword()))) {
        c.jpki().signatureCertificate(pw);
      }
    }, k -> 5 + reads(SIZES.signCert, k), 11, 6, 6, 12));
    m.put("sign with the auth key (verify + sign)", new Case(c -> {
      try (Pin pin = Pin.authentication(chars(P.authPin()))) {
        c.jpki().verify(pin);
        c.jpki().signDigestInfo(KeyType.AUTHENTICATION, HashAlgorithm.SHA256.digestInfo(new byte[32]));
      }
    }, k -> 6, 6, 6, 6, 6));
    m.put("sign with ALLOW_LAST_TRY (no counter query)", new Case(c -> {
      try (Pin pin = Pin.authentication(chars(P.authPin()))) {
        c.jpki().verify(pin, VerifyOption.ALLOW_LAST_TRY);
        c.jpki().signDigestInfo(KeyType.AUTHENTICATION, HashAlgorithm.SHA256.digestInfo(new byte[32]));
      }
    }, k -> 5, 5, 5, 5, 5));
    m.put("10 signatures in one session", new Case(c -> {
      try (Pin pin = Pin.authentication(chars(P.authPin()))) {
        c.jpki().verify(pin);
        for (int i = 0; i < 10; i++) {
          c.jpki().signDigestInfo(KeyType.AUTHENTICATION, HashAlgorithm.SHA256.digestInfo(new byte[32]));
        }
      }
    }, k -> 5 + 10, 15, 15, 15, 15));
    m.put("My Number with the text-AP PIN", new Case(c -> {
      try (Pin pin = Pin.text(chars(P.textPin()))) {
        c.text().myNumber(pin);
      }
    }, k -> 6, 6, 6, 6, 6));
    m.put("basic 4 info with 照合番号B", new Case(c -> {
      try (Pin b = Pin.verificationCodeB(chars(P.pinB()))) {
        c.text().basicInfo(b);
      }
    }, k -> 5 + reads(SIZES.basicInfo, k), 6, 6, 6, 6));
    m.put("text AP all (PIN: My Number, 4 info, EF 0003, CVC)", new Case(c -> {
      try (Pin pin = Pin.text(chars(P.textPin()))) {
        c.text().myNumber(pin);
        c.text().basicInfo();
        c.text().integrityRecord();
        c.text().cardVerifiableCertificate();
      }
    }, k -> 6 + 1 + reads(SIZES.basicInfo, k) + 1 + reads(SIZES.integrity, k) + 1 + reads(SIZES.textCvc, k),
        15, 12, 12, 16));
    m.put("card face with 照合番号B", new Case(c -> {
      try (Pin b = Pin.verificationCodeB(chars(P.pinB()))) {
        c.visual().cardFace(b);
      }
    }, k -> 5 + reads(SIZES.cardFace, k), 11, 6, 6, 12));
    m.put("age record with the DOB key", new Case(c -> {
      try (Pin dob = Pin.dateOfBirthKey(chars(P.dobKey()))) {
        c.visual().ageRecord(dob);
      }
    }, k -> 5 + reads(SIZES.ageRecord, k), 8, 6, 6, 9));
    m.put("card-key challenge (visual AP)", new Case(c -> c.visual().signChallenge(new byte[32]), k -> 2, 2, 2, 2, 2));
    m.put("common AP record", new Case(c -> c.common().record(), k -> 3, 3, 3, 3, 3));
    m.put("info(): token, applications, all 10 credentials", new Case(MyNumberCard::info, k -> 5 + 2 + 2 * 10,
        27, 27, 27, 27));
    return m;
  }

  @TestFactory
  Collection<DynamicTest> everyFlow_hitsTheLowerBound_onEveryTransport() {
    java.util.List<DynamicTest> tests = new java.util.ArrayList<>();
    TransportCapabilities[] caps = {VirtualCards.SHORT, VirtualCards.PCSC, VirtualCards.EXTENDED};
    String[] capNames = {"short", "PC/SC", "extended"};
    for (Map.Entry<String, Case> e : cases().entrySet()) {
      for (int i = 0; i < 3; i++) {
        int idx = i;
        tests.add(DynamicTest.dynamicTest(e.getKey() + " / " + capNames[i], () -> {
          CountingTransport counter = new CountingTransport(VirtualCards.transport(Personas.DEFAULT, caps[idx]));
          int measured;
          try (MyNumberCard card = MyNumberCard.open(counter)) {
            e.getValue().flow.run(card);
            measured = counter.apduCount();
          }
          int bound = e.getValue().lowerBound.applyAsInt(caps[idx].maxResponseData());
          assertThat(measured).as("lower bound").isEqualTo(bound);
          assertThat(measured).as("README number").isEqualTo(e.getValue().readme[idx]);
        }));
      }
      tests.add(DynamicTest.dynamicTest(e.getKey() + " / fallback", () -> {
        CountingTransport counter = new CountingTransport(
            ReaderTransports.ccidShortBuffer(VirtualCards.transport(Personas.DEFAULT, VirtualCards.PCSC), 271));
        int measured;
        try (MyNumberCard card = MyNumberCard.open(counter)) {
          e.getValue().flow.run(card);
          measured = counter.apduCount();
        }
        int shortCount = e.getValue().lowerBound.applyAsInt(256);
        assertThat(measured).as("at most one failed extended READ BINARY more than short").isLessThanOrEqualTo(shortCount + 1);
        assertThat(measured).as("README number").isEqualTo(e.getValue().readme[3]);
      }));
    }
    return tests;
  }
}
