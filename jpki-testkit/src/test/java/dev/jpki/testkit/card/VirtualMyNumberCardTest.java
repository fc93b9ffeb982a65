// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.card;

import static dev.jpki.testkit.card.TestCards.ascii;
import static dev.jpki.testkit.card.TestCards.data;
import static dev.jpki.testkit.card.TestCards.hex;
import static dev.jpki.testkit.card.TestCards.sw;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VirtualMyNumberCardTest {
  static final String SELECT_JPKI = "00A4040C0AD392F000260100000001";
  static final String SELECT_TEXT = "00A4040C0AD3921000310001010408";
  static final String SELECT_VISUAL = "00A4040C0AD3921000310001010402";
  static final String SELECT_COMMON = "00A4040C0AD3921000310001010100";
  static final String SELECT_JUKI = "00A4040C0AD3921000310001010401";
  static final String SHA256_PREFIX = "3031300D060960864801650304020105000420";

  VirtualMyNumberCard card;

  @BeforeEach
  void setUp() {
    card = TestCards.card();
  }

  byte[] send(String hexCommand) {
    return card.process(hex(hexCommand));
  }

  int swOf(String hexCommand) {
    return sw(send(hexCommand));
  }

  static String selectEf(int fid) {
    return String.format("00A4020C02%04X", fid);
  }

  static String verify(String pin) {
    return String.format("00200080%02X", pin.length()) + hex(ascii(pin));
  }

  static String lc(byte[] data) {
    return String.format("%02X", data.length) + hex(data);
  }

  static byte[] digestInfo(byte[] message) throws Exception {
    byte[] h = MessageDigest.getInstance("SHA-256").digest(message);
    byte[] prefix = hex(SHA256_PREFIX);
    byte[] di = Arrays.copyOf(prefix, prefix.length + h.length);
    System.arraycopy(h, 0, di, prefix.length, h.length);
    return di;
  }

  static boolean verifies(PublicKey key, byte[] message, byte[] signature) throws Exception {
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initVerify(key);
    s.update(message);
    return s.verify(signature);
  }

  @Nested
  class Select {
    @Test
    void selectAid_case3_returns9000AndSetsDf() {
      assertThat(hex(send(SELECT_JPKI))).isEqualTo("9000");
      assertThat(card.currentApplication()).isEqualTo(Application.JPKI);
    }

    @Test
    void selectAid_case4WithTrailingLe_accepted() {
      // docs/card-protocol.md §15: middleware sends P2=0C with a trailing Le
      assertThat(swOf(SELECT_TEXT + "00")).isEqualTo(0x9000);
      assertThat(card.currentApplication()).isEqualTo(Application.TEXT);
    }

    @Test
    void selectAid_p2ReturnFciWithLe_accepted() {
      assertThat(swOf("00A404000AD3921000310001010402" + "00")).isEqualTo(0x9000);
      assertThat(card.currentApplication()).isEqualTo(Application.VISUAL);
    }

    @ParameterizedTest
    @CsvSource({
      "00A4040C07A0000000031010, unknown foreign AID",
      "00A4040009D392F0002601000000, prefix of the JPKI AID",
      "00A4040C0BD392F00026010000000100, JPKI AID plus one byte",
    })
    void selectAid_notExactlyKnown_returns6A82(String command, String why) {
      assertThat(swOf(command)).as(why).isEqualTo(0x6A82);
      assertThat(card.currentApplication()).isEqualTo(Application.MF);
    }

    @Test
    void selectAid_applicationNotInProfile_returns6A82() {
      CardProfile onlyJpki = TestCards.profile().toBuilder()
          .applications(java.util.EnumSet.of(Application.JPKI)).build();
      card = VirtualMyNumberCard.create(onlyJpki);
      assertThat(swOf(SELECT_TEXT)).isEqualTo(0x6A82);
      assertThat(swOf(SELECT_JPKI)).isEqualTo(0x9000);
    }

    @Test
    void selectEf_noDfSelected_returns6986() {
      assertThat(swOf(selectEf(0x000A))).isEqualTo(0x6986);
    }

    @Test
    void selectEf_unknownFid_returns6A82() {
      send(SELECT_JPKI);
      assertThat(swOf(selectEf(0x0003))).isEqualTo(0x6A82);
      assertThat(swOf(selectEf(0x3F00))).isEqualTo(0x6A82);
    }

    @Test
    void selectEf_keyReference_returns9000() {
      send(SELECT_JPKI);
      assertThat(swOf(selectEf(0x0018))).isEqualTo(0x9000);
    }

    @Test
    void selectEf_wrongLc_returns6700() {
      send(SELECT_JPKI);
      assertThat(swOf("00A4020C03000A00")).isEqualTo(0x6700);
    }

    @Test
    void selectMf_afterReset_returns6A86() {
      assertThat(swOf("00A40000")).isEqualTo(0x6A86);
    }

    @Test
    void selectMf_withApSelected_returns9000AndKeepsDf() {
      send(SELECT_JPKI);
      assertThat(swOf("00A40000")).isEqualTo(0x9000);
      assertThat(card.currentApplication()).isEqualTo(Application.JPKI);
      assertThat(swOf(selectEf(0x000A))).isEqualTo(0x9000);
    }

    @Test
    void selectMfByFid3F00_returns6A82() {
      assertThat(swOf("00A4000C023F00")).isEqualTo(0x6A82);
    }

    @Test
    void selectIsd_restoresMfState() {
      send(SELECT_JPKI);
      assertThat(swOf("00A4040C07A0000001510000")).isEqualTo(0x9000);
      assertThat(card.currentApplication()).isEqualTo(Application.MF);
      assertThat(swOf(selectEf(0x000A))).isEqualTo(0x6986);
      assertThat(swOf("00A40000")).isEqualTo(0x6A86);
    }

    @Test
    void select_badP1_returns6A86() {
      assertThat(swOf("00A4080C020001")).isEqualTo(0x6A86);
    }

    @Test
    void select_nextOccurrenceP2_returns6A86() {
      assertThat(swOf("00A404020AD392F000260100000001")).isEqualTo(0x6A86);
    }

    @Test
    void selectAid_withoutData_returns6700() {
      assertThat(swOf("00A4040C")).isEqualTo(0x6700);
    }
  }

  @Nested
  class ReadBinary {
    @BeforeEach
    void selectAuthCert() {
      send(SELECT_JPKI);
      send(selectEf(0x000A));
    }

    @Test
    void readBinary_first4Bytes_returnsDerHeader() {
      assertThat(hex(send("00B0000004"))).isEqualTo("308204AC9000");
    }

    @Test
    void readBinary_shortLeZero_returns256Bytes() {
      byte[] r = send("00B0000000");
      assertThat(sw(r)).isEqualTo(0x9000);
      assertThat(data(r)).isEqualTo(Arrays.copyOfRange(TestCards.AUTH_CERT, 0, 256));
    }

    @Test
    void readBinary_15bitOffset_readsFromOffset() {
      byte[] r = send("00B0010010");
      assertThat(data(r)).isEqualTo(Arrays.copyOfRange(TestCards.AUTH_CERT, 0x0100, 0x0110));
    }

    @Test
    void readBinary_offsetSizeMinus1_returnsLastByte() {
      int size = TestCards.AUTH_CERT.length;
      byte[] r = send(String.format("00B0%04X00", size - 1));
      assertThat(hex(r)).isEqualTo("FF9000"); // the filler is part of the physical content
    }

    @Test
    void readBinary_pastEof_returnsRemainingBytesWith9000() {
      int size = TestCards.AUTH_CERT.length;
      byte[] r = send(String.format("00B0%04X00", size - 10));
      assertThat(sw(r)).isEqualTo(0x9000);
      assertThat(data(r)).hasSize(10);
    }

    @Test
    void readBinary_offsetEqualsSize_returns6B00() {
      assertThat(swOf(String.format("00B0%04X01", TestCards.AUTH_CERT.length))).isEqualTo(0x6B00);
    }

    @Test
    void readBinary_offsetBeyondSize_returns6B00() {
      assertThat(swOf("00B07FFF01")).isEqualTo(0x6B00);
    }

    @Test
    void readBinary_extendedLe65536_returnsWholeFile() {
      byte[] r = send("00B00000000000");
      assertThat(sw(r)).isEqualTo(0x9000);
      assertThat(data(r)).isEqualTo(TestCards.AUTH_CERT);
    }

    @Test
    void readBinary_extendedLeExact_returnsThatMany() {
      byte[] r = send("00B0000400" + "0300");
      assertThat(data(r)).isEqualTo(Arrays.copyOfRange(TestCards.AUTH_CERT, 4, 4 + 0x300));
    }

    @Test
    void readBinary_sfiForm_readsWithoutSelectAndMakesEfCurrent() {
      send(SELECT_JPKI); // clears the current EF
      byte[] r = send("00B08B0004"); // SFI 0B = EF 000B
      assertThat(hex(r)).isEqualTo("308205009000");
      assertThat(hex(send("00B0000102"))).isEqualTo("8205" + "9000");
    }

    @Test
    void readBinary_sfiFormWithOffset_usesP2AsOffset() {
      byte[] r = send("00B08A1002");
      assertThat(data(r)).isEqualTo(Arrays.copyOfRange(TestCards.AUTH_CERT, 0x10, 0x12));
    }

    @Test
    void readBinary_sfiUnknown_returns6A82() {
      assertThat(swOf("00B0830004")).isEqualTo(0x6A82);
    }

    @Test
    void readBinary_sfiAtMf_returns6A82() {
      card.reset();
      assertThat(swOf("00B08A0004")).isEqualTo(0x6A82);
    }

    @Test
    void readBinary_sfiWithReservedBits_returns6A86() {
      assertThat(swOf("00B0CA0004")).isEqualTo(0x6A86);
    }

    @Test
    void readBinary_noCurrentEf_returns6986() {
      send(SELECT_JPKI);
      assertThat(swOf("00B0000004")).isEqualTo(0x6986);
    }

    @Test
    void readBinary_keyReference_returns6981() {
      send(selectEf(0x0018));
      assertThat(swOf("00B0000004")).isEqualTo(0x6981);
      send(selectEf(0x0017));
      assertThat(swOf("00B0000004")).isEqualTo(0x6981);
    }

    @Test
    void readBinary_withoutLe_returns6700() {
      assertThat(swOf("00B00000")).isEqualTo(0x6700);
    }

    @Test
    void readBinary_signCertWithoutPassword_returns6982() {
      send(selectEf(0x0001));
      assertThat(swOf("00B0000004")).isEqualTo(0x6982);
    }

    @Test
    void readBinary_signCertAfterPassword_returnsCert() {
      send(selectEf(0x001B));
      assertThat(swOf(verify(TestCards.SIGN_PASSWORD))).isEqualTo(0x9000);
      send(selectEf(0x0001));
      assertThat(hex(send("00B0000004"))).isEqualTo("308205009000");
    }

    @Test
    void readBinary_authPinDoesNotOpenSignCert_returns6982() {
      send(selectEf(0x0018));
      send(verify(TestCards.AUTH_PIN));
      send(selectEf(0x0001));
      assertThat(swOf("00B0000004")).isEqualTo(0x6982);
    }

    @Test
    void readBinary_neverAccess_returns6982EvenWithAllCredentials() {
      send(selectEf(0x0018));
      send(verify(TestCards.AUTH_PIN));
      send(selectEf(0x001B));
      send(verify(TestCards.SIGN_PASSWORD));
      send(selectEf(0x0009));
      assertThat(swOf("00B0000001")).isEqualTo(0x6982);
    }

    @Test
    void readBinary_tokenInfo_is160BytesWithLabel() {
      send(selectEf(0x0006));
      byte[] r = send("00B0000000");
      assertThat(data(r)).hasSize(160);
      assertThat(new String(data(r), 0, 32, java.nio.charset.StandardCharsets.US_ASCII).trim())
          .isEqualTo("JPKIAPICCTOKEN2");
    }
  }

  @Nested
  class TextApAccess {
    @BeforeEach
    void selectText() {
      send(SELECT_TEXT);
    }

    /** docs/card-protocol.md §6.1: 0001 opened by PIN or A (not B); 0002 by PIN or B (not A); 0003 by any. */
    @ParameterizedTest(name = "EF {0} after {1} -> {2}")
    @CsvSource({
      "0001, none, 6982", "0001, pin, 9000", "0001, a, 9000", "0001, b, 6982",
      "0002, none, 6982", "0002, pin, 9000", "0002, a, 6982", "0002, b, 9000",
      "0003, none, 6982", "0003, pin, 9000", "0003, a, 9000", "0003, b, 9000",
      "0004, none, 9000", "0005, none, 9000",
    })
    void readBinary_accessMatrix(String ef, String credential, String expectedSw) {
      switch (credential) {
        case "pin":
          assertThat(swOf("00A4020C020011")).isEqualTo(0x9000);
          assertThat(swOf(verify(TestCards.TEXT_PIN))).isEqualTo(0x9000);
          break;
        case "a":
          send("00A4020C020014");
          assertThat(swOf(verify(TestCards.NUMBER_A))).isEqualTo(0x9000);
          break;
        case "b":
          send("00A4020C020015");
          assertThat(swOf(verify(TestCards.NUMBER_B))).isEqualTo(0x9000);
          break;
        default:
          break;
      }
      send("00A4020C02" + ef);
      assertThat(String.format("%04X", swOf("00B0000001"))).isEqualTo(expectedSw);
    }

    @Test
    void readBinary_myNumberEf_returns17PhysicalBytes() {
      send("00A4020C020014");
      send(verify(TestCards.NUMBER_A));
      send("00A4020C020001");
      byte[] r = send("00B0000000");
      assertThat(data(r)).isEqualTo(TestCards.MY_NUMBER_EF);
    }

    @Test
    void verify_blockedKey0012_reports63C0AndRefuses6984() {
      send("00A4020C020012");
      assertThat(swOf("00200080")).isEqualTo(0x63C0);
      assertThat(swOf(verify("1234"))).isEqualTo(0x6984);
    }
  }

  @Nested
  class VisualApAccess {
    @BeforeEach
    void selectVisual() {
      send(SELECT_VISUAL);
    }

    /** docs/card-protocol.md §7.1: A opens 0002-0006, B the same except 0005; DOB key opens 0001. */
    @ParameterizedTest(name = "EF {0} after {1} -> {2}")
    @CsvSource({
      "0001, none, 6982", "0001, dob, 9000", "0001, a, 6982",
      "0002, none, 6982", "0002, a, 9000", "0002, b, 9000", "0002, dob, 6982",
      "0005, a, 9000", "0005, b, 6982",
      "0003, none, 9000", "0004, none, 9000",
    })
    void readBinary_accessMatrix(String ef, String credential, String expectedSw) {
      switch (credential) {
        case "dob":
          send("00A4020C020011");
          assertThat(swOf(verify(TestCards.DOB_KEY))).isEqualTo(0x9000);
          break;
        case "a":
          send("00A4020C020013");
          assertThat(swOf(verify(TestCards.NUMBER_A))).isEqualTo(0x9000);
          break;
        case "b":
          send("00A4020C020012");
          assertThat(swOf(verify(TestCards.NUMBER_B))).isEqualTo(0x9000);
          break;
        default:
          break;
      }
      send("00A4020C02" + ef);
      assertThat(String.format("%04X", swOf("00B0000001"))).isEqualTo(expectedSw);
    }
  }

  @Nested
  class Verify {
    @BeforeEach
    void selectAuthPin() {
      send(SELECT_JPKI);
      send(selectEf(0x0018));
    }

    @Test
    void emptyVerify_reportsTriesWithoutSpendingOne() {
      for (int i = 0; i < 5; i++) {
        assertThat(swOf("00200080")).isEqualTo(0x63C3);
      }
      assertThat(card.triesLeft(Application.JPKI, 0x0018)).hasValue(3);
    }

    @Test
    void verify_wrongPin_countsDownTo63C0ThenBlocks6984() {
      assertThat(swOf(verify("0000"))).isEqualTo(0x63C2);
      assertThat(swOf("00200080")).isEqualTo(0x63C2);
      assertThat(swOf(verify("0000"))).isEqualTo(0x63C1);
      assertThat(swOf(verify("0000"))).isEqualTo(0x63C0); // the exhausting try
      assertThat(swOf("00200080")).isEqualTo(0x63C0);
      // blocked: 6984 without comparing, even for the right PIN
      assertThat(swOf(verify(TestCards.AUTH_PIN))).isEqualTo(0x6984);
      assertThat(swOf(verify("0000"))).isEqualTo(0x6984);
      assertThat(card.triesLeft(Application.JPKI, 0x0018)).hasValue(0);
      assertThat(card.isVerified(Application.JPKI, 0x0018)).isFalse();
    }

    @Test
    void verify_correctPin_resetsCounterAndMarksVerified() {
      send(verify("9999"));
      send(verify("9999"));
      assertThat(swOf(verify(TestCards.AUTH_PIN))).isEqualTo(0x9000);
      assertThat(card.triesLeft(Application.JPKI, 0x0018)).hasValue(3);
      assertThat(card.isVerified(Application.JPKI, 0x0018)).isTrue();
      assertThat(swOf("00200080")).isEqualTo(0x63C3);
    }

    @Test
    void verify_prefixOrExtensionOfPin_isWrong() {
      assertThat(swOf(verify("123"))).isEqualTo(0x63C2);
      assertThat(swOf(verify("12345"))).isEqualTo(0x63C1);
    }

    @Test
    void verify_signPassword_hasFiveTries() {
      send(selectEf(0x001B));
      assertThat(swOf("00200080")).isEqualTo(0x63C5);
      assertThat(swOf(verify("ABC124"))).isEqualTo(0x63C4);
    }

    @Test
    void verify_signPasswordIsCaseSensitive() {
      send(selectEf(0x001B));
      assertThat(swOf(verify("abc123"))).isEqualTo(0x63C4); // docs/card-protocol.md §15: sent as typed, costs a try
    }

    @Test
    void verify_sfiForm_verifiesWithoutSelect() {
      send(SELECT_JPKI);
      assertThat(swOf("00200098")).isEqualTo(0x63C3);
      assertThat(swOf("0020009B06" + hex(ascii(TestCards.SIGN_PASSWORD)))).isEqualTo(0x9000);
      assertThat(card.isVerified(Application.JPKI, 0x001B)).isTrue();
    }

    @Test
    void verify_currentEfNotAKey_returns6981() {
      send(selectEf(0x000A));
      assertThat(swOf("00200080")).isEqualTo(0x6981);
    }

    @Test
    void verify_noCurrentEf_returns6986() {
      send(SELECT_JPKI);
      assertThat(swOf("00200080")).isEqualTo(0x6986);
    }

    @Test
    void verify_badP1_returns6A86() {
      assertThat(swOf("00200180")).isEqualTo(0x6A86);
    }

    @Test
    void verify_badP2_returns6A86() {
      assertThat(swOf("00200001")).isEqualTo(0x6A86);
    }

    @Test
    void verify_withLe_returns6700() {
      assertThat(swOf("0020008000")).isEqualTo(0x6700);
    }

    @Test
    void verify_partlyUsedCounterFromProfile_reportsIt() {
      card = VirtualMyNumberCard.create(TestCards.profile().toBuilder()
          .credential(Application.JPKI, 0x0018, ascii("1111"), 3, 1).build());
      send(SELECT_JPKI);
      send(selectEf(0x0018));
      assertThat(swOf("00200080")).isEqualTo(0x63C1);
      assertThat(swOf(verify("2222"))).isEqualTo(0x63C0);
      assertThat(swOf(verify("1111"))).isEqualTo(0x6984);
    }

    @Test
    void verify_configuredRetryMaximum_isReported() {
      card = VirtualMyNumberCard.create(TestCards.profile().toBuilder()
          .credential(Application.VISUAL, 0x0012, ascii(TestCards.NUMBER_B), 3).build());
      send(SELECT_VISUAL);
      send(selectEf(0x0012));
      assertThat(swOf("00200080")).isEqualTo(0x63C3);
      send(selectEf(0x0013));
      assertThat(swOf("00200080")).isEqualTo(0x63CA); // default 10 for 照合番号A
    }
  }

  @Nested
  class SecurityState {
    void verifyAuthPin() {
      send(SELECT_JPKI);
      send(selectEf(0x0018));
      assertThat(swOf(verify(TestCards.AUTH_PIN))).isEqualTo(0x9000);
    }

    @Test
    void reset_clearsVerifiedStateAndSelection() {
      verifyAuthPin();
      card.reset();
      assertThat(card.currentApplication()).isEqualTo(Application.MF);
      assertThat(card.isVerified(Application.JPKI, 0x0018)).isFalse();
      send(SELECT_JPKI);
      send(selectEf(0x0017));
      assertThat(swOf("802A00801301020304050607080910111213141516171819")).isEqualTo(0x6982);
    }

    @Test
    void reset_keepsRetryCountersAndChangedPins() {
      send(SELECT_JPKI);
      send(selectEf(0x0018));
      send(verify("0000"));
      card.reset();
      send(SELECT_JPKI);
      send(selectEf(0x0018));
      assertThat(swOf("00200080")).isEqualTo(0x63C2);
    }

    @Test
    void dfChange_clearsVerifiedStateByDefault() {
      verifyAuthPin();
      send(SELECT_TEXT);
      send(SELECT_JPKI);
      assertThat(card.isVerified(Application.JPKI, 0x0018)).isFalse();
      send(selectEf(0x0017));
      assertThat(swOf("802A0080" + "03010203")).isEqualTo(0x6982);
    }

    @Test
    void reselectingSameDf_clearsVerifiedStateByDefault() {
      verifyAuthPin();
      send(SELECT_JPKI);
      assertThat(card.isVerified(Application.JPKI, 0x0018)).isFalse();
    }

    @Test
    void dfChange_withClearingDisabled_keepsPerDfState() {
      card = VirtualMyNumberCard.builder(TestCards.profile()).clearSecurityOnDfSelect(false)
          .build();
      verifyAuthPin();
      send(SELECT_TEXT);
      send(SELECT_JPKI);
      assertThat(card.isVerified(Application.JPKI, 0x0018)).isTrue();
      send(selectEf(0x0017));
      assertThat(swOf("802A0080" + "03010203" + "00")).isEqualTo(0x9000);
    }

    @Test
    void verifiedCredential_doesNotOpenFilesOfAnotherDf() {
      card = VirtualMyNumberCard.builder(TestCards.profile()).clearSecurityOnDfSelect(false)
          .build();
      send(SELECT_TEXT);
      send("00A4020C020014");
      send(verify(TestCards.NUMBER_A));
      send(SELECT_VISUAL); // visual EF 0002 is opened by visual 0013, not text 0014
      send(selectEf(0x0002));
      assertThat(swOf("00B0000001")).isEqualTo(0x6982);
    }

    @Test
    void wrongVerify_clearsVerifiedFlagOfThatKey() {
      verifyAuthPin();
      send(verify("0000"));
      assertThat(card.isVerified(Application.JPKI, 0x0018)).isFalse();
    }
  }

  @Nested
  class ChangePin {
    @Test
    void changeReferenceData_withoutVerify_returns6982() {
      send(SELECT_JPKI);
      send(selectEf(0x0018));
      assertThat(swOf("0024018004" + hex(ascii("9876")))).isEqualTo(0x6982);
    }

    @Test
    void changeReferenceData_afterVerify_replacesPin() {
      send(SELECT_JPKI);
      send(selectEf(0x0018));
      send(verify(TestCards.AUTH_PIN));
      assertThat(swOf("0024018004" + hex(ascii("9876")))).isEqualTo(0x9000);
      card.reset();
      send(SELECT_JPKI);
      send(selectEf(0x0018));
      assertThat(swOf(verify(TestCards.AUTH_PIN))).isEqualTo(0x63C2);
      assertThat(swOf(verify("9876"))).isEqualTo(0x9000);
    }

    @Test
    void changeReferenceData_otherKeyVerified_returns6982() {
      send(SELECT_JPKI);
      send(selectEf(0x0018));
      send(verify(TestCards.AUTH_PIN));
      send(selectEf(0x001B));
      assertThat(swOf("0024018006" + hex(ascii("NEW123")))).isEqualTo(0x6982);
    }

    @Test
    void changeReferenceData_badP1_returns6A86() {
      send(SELECT_JPKI);
      send(selectEf(0x0018));
      send(verify(TestCards.AUTH_PIN));
      assertThat(swOf("0024008004" + hex(ascii("9876")))).isEqualTo(0x6A86);
    }

    @Test
    void changeReferenceData_noData_returns6700() {
      send(SELECT_JPKI);
      send(selectEf(0x0018));
      assertThat(swOf("00240180")).isEqualTo(0x6700);
    }

    @Test
    void changeKey_commonAp_afterVerify_replacesPin() {
      send(SELECT_COMMON);
      send(selectEf(0x001C));
      assertThat(swOf("8032008004" + hex(ascii("1111")))).isEqualTo(0x6982);
      send(verify(TestCards.JUKI_PIN));
      assertThat(swOf("8032008004" + hex(ascii("1111")))).isEqualTo(0x9000);
      send(SELECT_COMMON);
      send(selectEf(0x001C));
      assertThat(swOf(verify("1111"))).isEqualTo(0x9000);
    }

    @Test
    void changeKey_jukiAp_changesOnlyItsOwnKey() {
      send(SELECT_JUKI);
      send(selectEf(0x001C));
      send(verify(TestCards.JUKI_PIN));
      assertThat(swOf("8032008004" + hex(ascii("2222")))).isEqualTo(0x9000);
      send(SELECT_COMMON); // separate key references (docs/card-protocol.md §4.1)
      send(selectEf(0x001C));
      assertThat(swOf(verify(TestCards.JUKI_PIN))).isEqualTo(0x9000);
    }

    @Test
    void changeKey_inJpkiAp_returns6D00() {
      send(SELECT_JPKI);
      send(selectEf(0x0018));
      send(verify(TestCards.AUTH_PIN));
      assertThat(swOf("8032008004" + hex(ascii("9876")))).isEqualTo(0x6D00);
    }
  }

  @Nested
  class Sign {
    byte[] digestInfo;

    @BeforeEach
    void prepare() throws Exception {
      digestInfo = VirtualMyNumberCardTest.digestInfo(ascii("message"));
    }

    void login(int pinFid, String pin) {
      send(SELECT_JPKI);
      send(selectEf(pinFid));
      assertThat(swOf(verify(pin))).isEqualTo(0x9000);
    }

    @Test
    void computeSignature_authKeyAfterPin_returns256ByteSignatureThatVerifies() throws Exception {
      login(0x0018, TestCards.AUTH_PIN);
      send(selectEf(0x0017));
      byte[] r = send("802A0080" + lc(digestInfo) + "00");
      assertThat(sw(r)).isEqualTo(0x9000);
      assertThat(data(r)).hasSize(256);
      assertThat(verifies(TestCards.AUTH_KEY.getPublic(), ascii("message"), data(r))).isTrue();
      assertThat(card.rsaOperationCount()).isEqualTo(1);
    }

    @Test
    void computeSignature_signKeyAfterPassword_verifiesWithSignKey() throws Exception {
      login(0x001B, TestCards.SIGN_PASSWORD);
      send(selectEf(0x001A));
      byte[] r = send("802A0080" + lc(digestInfo) + "00");
      assertThat(verifies(TestCards.SIGN_KEY.getPublic(), ascii("message"), data(r))).isTrue();
      assertThat(verifies(TestCards.AUTH_KEY.getPublic(), ascii("message"), data(r))).isFalse();
    }

    @Test
    void computeSignature_case3WithoutLe_stillReturnsSignature() throws Exception {
      // docs/card-protocol.md §15: with a T=0 ATR the middleware sends no Le
      login(0x0018, TestCards.AUTH_PIN);
      send(selectEf(0x0017));
      byte[] r = send("802A0080" + lc(digestInfo));
      assertThat(sw(r)).isEqualTo(0x9000);
      assertThat(verifies(TestCards.AUTH_KEY.getPublic(), ascii("message"), data(r))).isTrue();
    }

    @Test
    void computeSignature_extendedLe_returnsSignature() {
      login(0x0018, TestCards.AUTH_PIN);
      send(selectEf(0x0017));
      byte[] r = send("802A0080" + "0000" + String.format("%02X", digestInfo.length)
          + hex(digestInfo) + "0000");
      assertThat(sw(r)).isEqualTo(0x9000);
      assertThat(data(r)).hasSize(256);
    }

    @Test
    void computeSignature_withoutPin_returns6982() {
      send(SELECT_JPKI);
      send(selectEf(0x0017));
      assertThat(swOf("802A0080" + lc(digestInfo) + "00")).isEqualTo(0x6982);
      assertThat(card.rsaOperationCount()).isZero();
    }

    @Test
    void computeSignature_wrongPinVerified_returns6982() {
      login(0x0018, TestCards.AUTH_PIN);
      send(selectEf(0x001A)); // sign key needs 001B
      assertThat(swOf("802A0080" + lc(digestInfo) + "00")).isEqualTo(0x6982);
    }

    @Test
    void computeSignature_currentEfNotAKey_returns6982() {
      login(0x0018, TestCards.AUTH_PIN);
      send(selectEf(0x000A));
      assertThat(swOf("802A0080" + lc(digestInfo) + "00")).isEqualTo(0x6982);
      send(selectEf(0x0018));
      assertThat(swOf("802A0080" + lc(digestInfo) + "00")).isEqualTo(0x6982);
    }

    @Test
    void computeSignature_245Bytes_accepted246_returns6985() {
      login(0x0018, TestCards.AUTH_PIN);
      send(selectEf(0x0017));
      byte[] max = new byte[245];
      assertThat(swOf("802A0080" + lc(max) + "00")).isEqualTo(0x9000);
      byte[] tooLong = new byte[246];
      assertThat(swOf("802A0080" + lc(tooLong) + "00")).isEqualTo(0x6985);
    }

    @Test
    void computeSignature_noData_returns6700() {
      login(0x0018, TestCards.AUTH_PIN);
      send(selectEf(0x0017));
      assertThat(swOf("802A008000")).isEqualTo(0x6700);
    }

    @Test
    void computeSignature_shortLe_returns6700() {
      login(0x0018, TestCards.AUTH_PIN);
      send(selectEf(0x0017));
      assertThat(swOf("802A0080" + lc(digestInfo) + "80")).isEqualTo(0x6700);
    }

    @Test
    void computeSignature_cardPadsPkcs1Type1OverGivenBytes() throws Exception {
      login(0x0018, TestCards.AUTH_PIN);
      send(selectEf(0x0017));
      byte[] input = hex("0102030405");
      byte[] sig = data(send("802A0080" + lc(input) + "00"));
      java.security.interfaces.RSAPublicKey pub =
          (java.security.interfaces.RSAPublicKey) TestCards.AUTH_KEY.getPublic();
      byte[] em = new BigInteger(1, sig).modPow(pub.getPublicExponent(), pub.getModulus())
          .toByteArray();
      // em without its leading 00: 01 FF .. FF 00 || input (docs/card-protocol.md §5.3)
      assertThat(em[0]).isEqualTo((byte) 0x01);
      assertThat(em).hasSize(255);
      for (int i = 1; i < 255 - input.length - 1; i++) {
        assertThat(em[i]).isEqualTo((byte) 0xFF);
      }
      assertThat(em[255 - input.length - 1]).isEqualTo((byte) 0x00);
      assertThat(Arrays.copyOfRange(em, 255 - input.length, 255)).isEqualTo(input);
    }

    @Test
    void computeSignature_sfiP2_isByteIdenticalToSelectThenSign() {
      login(0x0018, TestCards.AUTH_PIN);
      byte[] bySfi = send("802A0097" + lc(digestInfo) + "00");
      send(selectEf(0x0017));
      byte[] bySelect = send("802A0080" + lc(digestInfo) + "00");
      assertThat(sw(bySfi)).isEqualTo(0x9000);
      assertThat(bySfi).isEqualTo(bySelect);
    }

    @Test
    void computeSignature_sfi9AWithoutPassword_returns6982() {
      login(0x0018, TestCards.AUTH_PIN);
      assertThat(swOf("802A009A" + lc(digestInfo) + "00")).isEqualTo(0x6982);
    }

    @Test
    void computeSignature_p1Scheme03_isSha256WithRsaOverMessage() throws Exception {
      login(0x0018, TestCards.AUTH_PIN);
      byte[] r = send("802A0397" + lc(ascii("hello")) + "00");
      assertThat(verifies(TestCards.AUTH_KEY.getPublic(), ascii("hello"), data(r))).isTrue();
    }

    @Test
    void computeSignature_p1Scheme02_wrapsGivenHash() throws Exception {
      login(0x0018, TestCards.AUTH_PIN);
      byte[] h = MessageDigest.getInstance("SHA-256").digest(ascii("hello"));
      byte[] r = send("802A0297" + lc(h) + "00");
      assertThat(verifies(TestCards.AUTH_KEY.getPublic(), ascii("hello"), data(r))).isTrue();
      assertThat(swOf("802A0297" + lc(new byte[20]) + "00")).isEqualTo(0x6985);
    }

    @Test
    void computeSignature_p1Scheme01_signsBareHash() throws Exception {
      login(0x0018, TestCards.AUTH_PIN);
      byte[] r = send("802A0197" + lc(ascii("hello")) + "00");
      Signature s = Signature.getInstance("NONEwithRSA");
      s.initVerify(TestCards.AUTH_KEY.getPublic());
      s.update(MessageDigest.getInstance("SHA-256").digest(ascii("hello")));
      assertThat(s.verify(data(r))).isTrue();
    }

    @Test
    void computeSignature_p1Schemes04And05_arePssThatVerifies() throws Exception {
      login(0x0018, TestCards.AUTH_PIN);
      byte[] h = MessageDigest.getInstance("SHA-256").digest(ascii("hello"));
      byte[] pre = data(send("802A0497" + lc(h) + "00"));
      byte[] onCard = data(send("802A0597" + lc(ascii("hello")) + "00"));
      Signature pss = Signature.getInstance("RSASSA-PSS");
      pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
      for (byte[] sig : new byte[][] {pre, onCard}) {
        pss.initVerify(TestCards.AUTH_KEY.getPublic());
        pss.update(ascii("hello"));
        assertThat(pss.verify(sig)).isTrue();
      }
    }

    @Test
    void computeSignature_unknownScheme_returns6A86() {
      login(0x0018, TestCards.AUTH_PIN);
      assertThat(swOf("802A0697" + lc(digestInfo) + "00")).isEqualTo(0x6A86);
    }

    @Test
    void computeSignature_isoClass_returns6E00() {
      assertThat(swOf("002A0080" + lc(digestInfo) + "00")).isEqualTo(0x6E00);
    }

    @Test
    void cardKeySignature_textAp_needsNoCredential() throws Exception {
      send(SELECT_TEXT);
      byte[] challenge = ascii("challenge-123456");
      byte[] r = send("802A0000" + lc(VirtualMyNumberCardTest.digestInfo(challenge)) + "00");
      assertThat(sw(r)).isEqualTo(0x9000);
      assertThat(verifies(TestCards.CARD_KEY.getPublic(), challenge, data(r))).isTrue();
    }

    @Test
    void cardKeySignature_visualAp_needsNoCredential() throws Exception {
      send(SELECT_VISUAL);
      byte[] r = send("802A0000" + lc(digestInfo) + "00");
      assertThat(verifies(TestCards.CARD_KEY.getPublic(), ascii("message"), data(r))).isTrue();
    }

    @Test
    void cardKeySignature_credentialRequiredOption_returns6982UntilVerified() {
      card = VirtualMyNumberCard.builder(TestCards.profile()).cardKeyRequiresCredential(true)
          .build();
      send(SELECT_VISUAL);
      assertThat(swOf("802A0000" + lc(digestInfo) + "00")).isEqualTo(0x6982);
      send(selectEf(0x0012));
      send(verify(TestCards.NUMBER_B));
      assertThat(swOf("802A0000" + lc(digestInfo) + "00")).isEqualTo(0x9000);
    }

    @Test
    void cardKeySignature_jpkiHasNoDefaultKey_returns6A88() {
      send(SELECT_JPKI);
      assertThat(swOf("802A0000" + lc(digestInfo) + "00")).isEqualTo(0x6A88);
    }

    @Test
    void cardKeySignature_atMf_returns6A88() {
      assertThat(swOf("802A0000" + lc(digestInfo) + "00")).isEqualTo(0x6A88);
    }
  }

  @Nested
  class InternalAuthenticate {
    @Test
    void internalAuthenticate_commonKey0019_signsSha256OfChallengeWithoutCredential()
        throws Exception {
      send(SELECT_COMMON);
      byte[] challenge = hex("00112233445566778899AABBCCDDEEFF");
      byte[] r = send("00880099" + lc(challenge) + "00");
      assertThat(sw(r)).isEqualTo(0x9000);
      assertThat(verifies(TestCards.CARD_KEY.getPublic(), challenge, data(r))).isTrue();
    }

    @Test
    void internalAuthenticate_jpkiKey_returns6982EvenAfterPin() {
      send(SELECT_JPKI);
      send(selectEf(0x0018));
      send(verify(TestCards.AUTH_PIN));
      assertThat(swOf("00880097" + "0401020304" + "00")).isEqualTo(0x6982);
    }

    @Test
    void internalAuthenticate_textKey_returns6985() {
      send(SELECT_TEXT);
      assertThat(swOf("008800930401020304" + "00")).isEqualTo(0x6985);
    }

    @Test
    void internalAuthenticate_emptyChallenge_returns6700() {
      send(SELECT_COMMON);
      assertThat(swOf("0088009900")).isEqualTo(0x6700);
    }

    @Test
    void internalAuthenticate_notAKey_returns6981() {
      send(SELECT_COMMON);
      assertThat(swOf("008800810401020304" + "00")).isEqualTo(0x6981);
    }
  }

  @Nested
  class OtherCommands {
    @Test
    void getChallenge_shortLe_returnsThatManyRandomBytes() {
      card = VirtualMyNumberCard.builder(TestCards.profile()).random(new Random(1)).build();
      byte[] r1 = send("0084000008");
      byte[] r2 = send("0084000000");
      assertThat(sw(r1)).isEqualTo(0x9000);
      assertThat(data(r1)).hasSize(8);
      assertThat(data(r2)).hasSize(256);
      byte[] expected = new byte[8];
      new Random(1).nextBytes(expected);
      assertThat(data(r1)).isEqualTo(expected);
    }

    @Test
    void getChallenge_extendedLe_returns6985() {
      assertThat(swOf("00840000" + "000010")).isEqualTo(0x6985);
    }

    @Test
    void getChallenge_badP1P2_returns6A86() {
      assertThat(swOf("0084010008")).isEqualTo(0x6A86);
    }

    @Test
    void getChallenge_noLe_returns6700() {
      assertThat(swOf("00840000")).isEqualTo(0x6700);
    }

    @Test
    void getData_presentObject_returnsIt() {
      assertThat(hex(send("00CA5F5100"))).isEqualTo("E000FF8131FE45149000");
    }

    @Test
    void getData_absentObject_returns6A88() {
      assertThat(swOf("00CA004200")).isEqualTo(0x6A88);
    }

    @Test
    void getData_largeObjectShortLe_returns6700_extendedLeWorks() {
      assertThat(swOf("00CA00F800")).isEqualTo(0x6700);
      byte[] r = send("00CA00F8000000");
      assertThat(data(r)).isEqualTo(TestCards.LARGE_DO);
    }

    @Test
    void getData_oddInstructionCB_returns6D00() {
      assertThat(swOf("00CB3FFF04")).isEqualTo(0x6D00);
    }

    @Test
    void readRecord_commonAp_returnsRecord1() {
      send(SELECT_COMMON);
      send(selectEf(0x0001));
      assertThat(data(send("00B2010400"))).isEqualTo(TestCards.COMMON_RECORD);
    }

    @Test
    void readRecord_sfiForm_readsWithoutSelect() {
      send(SELECT_COMMON);
      assertThat(data(send("00B2010C00"))).isEqualTo(TestCards.COMMON_RECORD);
    }

    @Test
    void readRecord_missingRecord_returns6A83() {
      send(SELECT_COMMON);
      send(selectEf(0x0001));
      assertThat(swOf("00B2020400")).isEqualTo(0x6A83);
      assertThat(swOf("00B2000400")).isEqualTo(0x6A83);
    }

    @Test
    void readRecord_onTransparentEf_returns6981() {
      send(SELECT_JPKI);
      send(selectEf(0x000A));
      assertThat(swOf("00B2010400")).isEqualTo(0x6981);
    }

    @Test
    void readBinary_onRecordEf_returns6981() {
      send(SELECT_COMMON);
      send(selectEf(0x0001));
      assertThat(swOf("00B0000000")).isEqualTo(0x6981);
    }

    @Test
    void lastCommandIndicator_physicalCard_returns6700() {
      assertThat(swOf("80FC0000")).isEqualTo(0x6700);
    }

    @Test
    void getResponse_nothingPending_returns6985() {
      assertThat(swOf("00C0000000")).isEqualTo(0x6985);
    }
  }

  @Nested
  class Malformed {
    @ParameterizedTest(name = "{1}: {0} -> {2}")
    @CsvSource({
      "'', empty, 6700",
      "00, one byte, 6700",
      "00A404, three bytes, 6700",
      "00A4040C0AD392F0, Lc larger than data, 6700",
      "00A4040C02D392F0F0F0, Lc smaller than data, 6700",
      "00B0000000, short Le 00 means 256, 9000",
      "00B000000000, extended Le with 1 byte only, 6700",
      "00A4040C00000AD392F000260100000001FF, extended Lc with wrong length, 6700",
      "00A4040C000000, extended Lc of zero, 6700",
      "01A4040C0AD392F000260100000001, logical channel 1, 6881",
      "03B0000000, logical channel 3, 6881",
      "41B0000000, further interindustry channel, 6881",
      "0CB0000000, secure messaging, 6882",
      "10B0000000, command chaining, 6884",
      "A0B0000000, RFU class, 6E00",
      "FFB0000000, invalid class, 6E00",
      "80B0000000, proprietary class for ISO READ BINARY, 6E00",
      "00EE000000, unknown instruction, 6D00",
      "80EE0000, unknown proprietary instruction, 6D00",
      "00B1000000, odd READ BINARY, 6D00",
    })
    void process_malformedCommand_returnsSw(String command, String why, String expected) {
      card.process(TestCards.hex(VirtualMyNumberCardTest.SELECT_JPKI));
      card.process(TestCards.hex("00A4020C02000A"));
      assertThat(String.format("%04X", sw(card.process(TestCards.hex(command))))).as(why)
          .isEqualTo(expected);
    }

    @Test
    void process_internalError_returns6F00AndKeepsWorking() {
      RSAPrivateKey broken = new RSAPrivateKey() {
        @Override
        public BigInteger getPrivateExponent() {
          throw new IllegalStateException("broken key");
        }

        @Override
        public BigInteger getModulus() {
          throw new IllegalStateException("broken key");
        }

        @Override
        public String getAlgorithm() {
          return "RSA";
        }

        @Override
        public String getFormat() {
          return "PKCS#8";
        }

        @Override
        public byte[] getEncoded() {
          return new byte[0];
        }
      };
      card = VirtualMyNumberCard.create(TestCards.profile().toBuilder()
          .signingKey(Application.COMMON, 0x0019, broken, Access.always()).build());
      send(SELECT_COMMON);
      assertThat(hex(send("00880099" + "0401020304" + "00"))).isEqualTo("6F00");
      assertThat(swOf(selectEf(0x0001))).isEqualTo(0x9000);
    }
  }

  @Nested
  class Redaction {
    @Test
    void logLine_verifyCommand_containsHeaderAndLengthsButNoPin() {
      byte[] command = hex(verify("7294"));
      byte[] response = card.process(command);
      String line = VirtualMyNumberCard.describeForLog(command, response);
      assertThat(line).contains("00 20 00 80").contains("Lc=4").doesNotContain("7294")
          .doesNotContain("37323934");
    }

    @Test
    void toString_card_containsNoCredentialOrFileData() {
      String s = card.toString() + card.profile().toString();
      assertThat(s).doesNotContain(TestCards.AUTH_PIN).doesNotContain(TestCards.NUMBER_A)
          .doesNotContain("987654321098");
    }
  }
}
