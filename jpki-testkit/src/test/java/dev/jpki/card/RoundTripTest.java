// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import static dev.jpki.card.VirtualCards.chars;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.apdu.CardTransport;
import dev.jpki.internal.CountingTransport;
import dev.jpki.JpkiException;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.reader.ReaderTransports;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * APDU counts of every flow on a fresh session with the default persona, one column per transport of the
 * table in jpki-core/README.md: short APDUs (the default on PC/SC and NFC), a PC/SC reader whose extended
 * length was opted in (8192-byte responses), the same reader with {@code ExtendedLength.PROVE} (short until the
 * first object over 256 bytes proves it: one short READ BINARY for its header, one extended for the rest),
 * full extended length, and the two fallbacks on a CCID reader with a 271-byte buffer: extended opted in,
 * and the proving exchange failing. Short, opted-in and full extended are asserted against the lower bound
 * computed from the persona's file sizes (one SELECT per application and file, one free counter query and
 * one VERIFY per credential, ceil(size / chunk) READ BINARYs); proven lies between opted-in and short; a
 * fallback costs at most one APDU (the failed extended READ BINARY) more than short. Every number is also
 * asserted against the README.
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
    final int[] readme; // one per Column, in order

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
    m.put("token type (JPKI EF 0006)", new Case(c -> c.jpki().token(), k -> 3, 3, 3, 3, 3, 3, 3));
    m.put("PIN status of one credential", new Case(c -> c.jpki().pinStatus(PinType.AUTHENTICATION), k -> 3, 3, 3, 3, 3, 3, 3));
    m.put("auth certificate", new Case(c -> c.jpki().authCertificate(),
        k -> 2 + reads(SIZES.authCert, k), 7, 3, 4, 3, 8, 8));
    m.put("auth CA certificate", new Case(c -> c.jpki().caCertificate(KeyType.AUTHENTICATION),
        k -> 2 + reads(SIZES.authCa, k), 8, 3, 4, 3, 9, 9));
    m.put("signature certificate with password", new Case(c -> {
      try (Pin pw = Pin.signaturePassword(chars(P.signPassword()))) {
        c.jpki().signatureCertificate(pw);
      }
    }, k -> 5 + reads(SIZES.signCert, k), 11, 6, 7, 6, 12, 12));
    m.put("auth, CA and signature certificates in one session", new Case(c -> {
      try (Pin pw = Pin.signaturePassword(chars(P.signPassword()))) {
        c.jpki().authCertificate();
        c.jpki().caCertificate(KeyType.AUTHENTICATION);
        c.jpki().signatureCertificate(pw);
      }
    }, k -> 2 + reads(SIZES.authCert, k) + 1 + reads(SIZES.authCa, k) + 4 + reads(SIZES.signCert, k), 24, 10, 11, 10, 25, 25));
    m.put("sign with the auth key (verify + sign)", new Case(c -> {
      try (Pin pin = Pin.authentication(chars(P.authPin()))) {
        c.jpki().verify(pin);
        c.jpki().signDigestInfo(KeyType.AUTHENTICATION, HashAlgorithm.SHA256.digestInfo(new byte[32]));
      }
    }, k -> 6, 6, 6, 6, 6, 6, 6));
    m.put("sign with ALLOW_LAST_TRY (no counter query)", new Case(c -> {
      try (Pin pin = Pin.authentication(chars(P.authPin()))) {
        c.jpki().verify(pin, VerifyOption.ALLOW_LAST_TRY);
        c.jpki().signDigestInfo(KeyType.AUTHENTICATION, HashAlgorithm.SHA256.digestInfo(new byte[32]));
      }
    }, k -> 5, 5, 5, 5, 5, 5, 5));
    m.put("10 signatures in one session", new Case(c -> {
      try (Pin pin = Pin.authentication(chars(P.authPin()))) {
        c.jpki().verify(pin);
        for (int i = 0; i < 10; i++) {
          c.jpki().signDigestInfo(KeyType.AUTHENTICATION, HashAlgorithm.SHA256.digestInfo(new byte[32]));
        }
      }
    }, k -> 5 + 10, 15, 15, 15, 15, 15, 15));
    m.put("My Number with the text-AP PIN", new Case(c -> {
      try (Pin pin = Pin.text(chars(P.textPin()))) {
        c.text().myNumber(pin);
      }
    }, k -> 6, 6, 6, 6, 6, 6, 6));
    m.put("basic 4 info with 照合番号B", new Case(c -> {
      try (Pin b = Pin.verificationCodeB(chars(P.pinB()))) {
        c.text().basicInfo(b);
      }
    }, k -> 5 + reads(SIZES.basicInfo, k), 6, 6, 6, 6, 6, 6));
    m.put("text AP all (PIN: My Number, 4 info, EF 0003, CVC)", new Case(c -> {
      try (Pin pin = Pin.text(chars(P.textPin()))) {
        c.text().myNumber(pin);
        c.text().basicInfo();
        c.text().integrityRecord();
        c.text().cardVerifiableCertificate();
      }
    }, k -> 6 + 1 + reads(SIZES.basicInfo, k) + 1 + reads(SIZES.integrity, k) + 1 + reads(SIZES.textCvc, k),
        15, 12, 14, 12, 16, 16));
    m.put("card face with 照合番号B", new Case(c -> {
      try (Pin b = Pin.verificationCodeB(chars(P.pinB()))) {
        c.visual().cardFace(b);
      }
    }, k -> 5 + reads(SIZES.cardFace, k), 11, 6, 7, 6, 12, 12));
    m.put("age record with the DOB key", new Case(c -> {
      try (Pin dob = Pin.dateOfBirthKey(chars(P.dobKey()))) {
        c.visual().ageRecord(dob);
      }
    }, k -> 5 + reads(SIZES.ageRecord, k), 8, 6, 7, 6, 9, 9));
    m.put("card-key challenge (visual AP)", new Case(c -> c.visual().signChallenge(new byte[32]), k -> 2, 2, 2, 2, 2, 2, 2));
    m.put("common AP record", new Case(c -> c.common().record(), k -> 3, 3, 3, 3, 3, 3, 3));
    m.put("info(): token, applications, all 10 credentials", new Case(MyNumberCard::info, k -> 5 + 2 + 2 * 10,
        27, 27, 27, 27, 27, 27));
    return m;
  }

  /** The columns of the README table, in order. */
  private enum Column {
    SHORT("short", () -> VirtualCards.transport(Personas.DEFAULT, VirtualCards.SHORT)),
    PCSC("PC/SC opted in", () -> VirtualCards.transport(Personas.DEFAULT, VirtualCards.PCSC)),
    PROVEN("PC/SC proven", () -> VirtualCards.transport(Personas.DEFAULT, VirtualCards.PCSC_PROVE)),
    EXTENDED("extended", () -> VirtualCards.transport(Personas.DEFAULT, VirtualCards.EXTENDED)),
    FALLBACK("fallback", () -> ReaderTransports.ccidShortBuffer(
        VirtualCards.transport(Personas.DEFAULT, VirtualCards.PCSC), 271)),
    PROOF_FAILS("proof fails", () -> ReaderTransports.ccidShortBuffer(
        VirtualCards.transport(Personas.DEFAULT, VirtualCards.PCSC_PROVE), 271));

    final String label;
    final java.util.function.Supplier<CardTransport> transport;

    Column(String label, java.util.function.Supplier<CardTransport> transport) {
      this.label = label;
      this.transport = transport;
    }
  }

  private static int measure(Case c, Column col) throws JpkiException {
    CountingTransport counter = new CountingTransport(col.transport.get());
    try (MyNumberCard card = MyNumberCard.open(counter)) {
      c.flow.run(card);
      return counter.apduCount();
    }
  }

  @TestFactory
  Collection<DynamicTest> everyFlow_hitsTheLowerBound_onEveryTransport() {
    java.util.List<DynamicTest> tests = new java.util.ArrayList<>();
    for (Map.Entry<String, Case> e : cases().entrySet()) {
      Case c = e.getValue();
      for (Column col : Column.values()) {
        tests.add(DynamicTest.dynamicTest(e.getKey() + " / " + col.label, () -> {
          int measured = measure(c, col);
          int shortBound = c.lowerBound.applyAsInt(256);
          switch (col) {
            case SHORT, PCSC, EXTENDED -> {
              int chunk = (col == Column.SHORT ? VirtualCards.SHORT : col == Column.PCSC ? VirtualCards.PCSC
                  : VirtualCards.EXTENDED).maxResponseData();
              assertThat(measured).as("lower bound").isEqualTo(c.lowerBound.applyAsInt(chunk));
            }
            case PROVEN -> assertThat(measured).as("between opted-in extended and short")
                .isBetween(c.lowerBound.applyAsInt(VirtualCards.PCSC.maxResponseData()), shortBound);
            case FALLBACK, PROOF_FAILS -> assertThat(measured)
                .as("at most one failed extended READ BINARY more than short").isBetween(shortBound, shortBound + 1);
          }
          assertThat(measured).as("README number").isEqualTo(c.readme[col.ordinal()]);
        }));
      }
    }
    return tests;
  }

  /**
   * Prints the README table: run this class's {@code main} by hand after changing a flow or the persona
   * (a main method, not a disabled test, so test reports show no skipped test).
   *
   * @param args unused
   * @throws JpkiException on a card error
   */
  public static void main(String[] args) throws JpkiException {
    new RoundTripTest().printTable();
  }

  private void printTable() throws JpkiException {
    for (Map.Entry<String, Case> e : cases().entrySet()) {
      StringBuilder b = new StringBuilder("| " + e.getKey() + " |");
      for (Column col : Column.values()) {
        b.append(' ').append(measure(e.getValue(), col)).append(" |");
      }
      System.out.println(b);
    }
  }
}
