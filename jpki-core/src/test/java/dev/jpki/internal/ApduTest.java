// SPDX-License-Identifier: Apache-2.0
package dev.jpki.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApduTest {

  @Nested
  class Encoding {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
      // case, data length, ne, expected encoding
      "case1,           0,     0, 00A4040C",
      "case2S Le=1,     0,     1, 00A4040C01",
      "case2S Le=256,   0,   256, 00A4040C00",
      "case2E Le=257,   0,   257, 00A4040C000101",
      "case2E Le=65536, 0, 65536, 00A4040C000000",
    })
    void encode_noData_usesTheIsoCaseForNe(String name, int dataLength, int ne, String expected) {
      Apdu a = Apdu.of(0x00, 0xA4, 0x04, 0x0C, new byte[dataLength], ne);
      assertThat(Hex.encode(a.encode())).isEqualTo(expected);
    }

    @Test
    void encode_case3Short_hasLcThenData() {
      Apdu a = Apdu.of(0x00, 0xA4, 0x04, 0x0C, Hex.decode("D392F000260100000001"), 0);
      assertThat(Hex.encode(a.encode())).isEqualTo("00A4040C0AD392F000260100000001");
      assertThat(a.isoCase()).isEqualTo(3);
    }

    @Test
    void encode_case4Short_hasLcDataLe() {
      Apdu a = Apdu.of(0x80, 0x2A, 0x00, 0x80, new byte[] {1, 2}, 256);
      assertThat(Hex.encode(a.encode())).isEqualTo("802A008002010200");
      assertThat(a.isoCase()).isEqualTo(4);
    }

    @Test
    void encode_case4WithLargeNe_usesExtendedForBothLengths() {
      Apdu a = Apdu.of(0x00, 0xB0, 0x00, 0x00, new byte[] {7}, 65536);
      assertThat(Hex.encode(a.encode())).isEqualTo("00B0000000000107" + "0000");
    }

    @Test
    void encode_case3With300Bytes_usesExtendedLc() {
      Apdu a = Apdu.of(0x80, 0xAE, 0x00, 0x00, new byte[300], 0);
      byte[] enc = a.encode();
      assertThat(enc).hasSize(4 + 3 + 300);
      assertThat(Hex.encode(enc, 4, 3)).isEqualTo("00012C");
    }

    @Test
    void encode_forcedShortOnExtendedCommand_isRejected() {
      Apdu a = Apdu.of(0x00, 0xB0, 0x00, 0x00, new byte[0], 1000);
      assertThatThrownBy(() -> a.encode(false))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("needs extended length");
    }

    @Test
    void encode_forcedExtendedOnSmallCommand_usesExtendedForm() {
      Apdu a = Apdu.of(0x00, 0xB0, 0x00, 0x00, new byte[0], 4);
      assertThat(Hex.encode(a.encode(true))).isEqualTo("00B00000000004");
    }
  }

  @Nested
  class Validation {
    @ParameterizedTest
    @CsvSource({"-1,CLA", "256,CLA"})
    void of_byteOutOfRange_namesTheField(int cla, String field) {
      assertThatThrownBy(() -> Apdu.of(cla, 0, 0, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(field);
    }

    @Test
    void of_p2OutOfRange_namesP2() {
      assertThatThrownBy(() -> Apdu.of(0, 0, 0, 0x100)).hasMessageContaining("P2");
    }

    @Test
    void of_neTooLarge_isRejected() {
      assertThatThrownBy(() -> Apdu.of(0, 0xB0, 0, 0, new byte[0], 65537))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Ne");
    }

    @Test
    void of_dataTooLarge_isRejected() {
      assertThatThrownBy(() -> Apdu.of(0, 0xD6, 0, 0, new byte[65536], 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("65535");
    }

    @ParameterizedTest
    @CsvSource({
      "00A404,            too short",
      "00A4040C05D392,    does not match",
      "00A4040C00000AD3,  does not match",
      "00A4040C0000,      truncated",
      "00A4040C000000D3,  Lc at offset 5 is 0",
    })
    void parse_malformed_saysWhatIsWrong(String hex, String message) {
      assertThatThrownBy(() -> Apdu.parse(Hex.decode(hex)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(message.trim());
    }
  }

  @Nested
  class Redaction {
    @Test
    void toString_sensitive_neverShowsData() {
      Apdu verify = Apdu.of(0x00, 0x20, 0x00, 0x80, "1234".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0)
          .asSensitive();
      assertThat(verify.toString())
          .contains("00 20 00 80", "<redacted>")
          .doesNotContain("31323334")
          .doesNotContain("1234");
    }

    @Test
    void toString_notSensitive_showsData() {
      Apdu select = Apdu.of(0x00, 0xA4, 0x02, 0x0C, new byte[] {0x00, 0x0A}, 0);
      assertThat(select.toString()).contains("data=000A");
    }

    @Test
    void data_isCopiedInAndOut() {
      byte[] d = {1, 2, 3};
      Apdu a = Apdu.of(0, 0xD6, 0, 0, d, 0);
      d[0] = 9;
      a.data()[1] = 9;
      assertThat(a.data()).containsExactly(1, 2, 3);
    }

    @Test
    void equals_comparesArrayContents() {
      assertThat(Apdu.of(0, 1, 2, 3, new byte[] {4}, 5)).isEqualTo(Apdu.of(0, 1, 2, 3, new byte[] {4}, 5))
          .hasSameHashCodeAs(Apdu.of(0, 1, 2, 3, new byte[] {4}, 5));
      assertThat(Apdu.of(0, 1, 2, 3, new byte[] {4}, 5)).isNotEqualTo(Apdu.of(0, 1, 2, 3, new byte[] {5}, 5));
    }
  }

  @Provide
  Arbitrary<Apdu> apdus() {
    Arbitrary<Integer> u8 = Arbitraries.integers().between(0, 255);
    Arbitrary<byte[]> data = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, Arbitraries.bytes().array(byte[].class).ofMaxSize(255)),
        net.jqwik.api.Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMinSize(256).ofMaxSize(3000)));
    Arbitrary<Integer> ne = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.just(0)),
        net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(1, 256)),
        net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(257, 65536)));
    return Combinators.combine(u8, u8, u8, u8, data, ne).as(Apdu::of);
  }

  @Property(tries = 2000)
  void encodeThenParse_roundTrips(@ForAll("apdus") Apdu apdu) {
    assertThat(Apdu.parse(apdu.encode())).isEqualTo(apdu);
    if (!apdu.requiresExtended()) {
      assertThat(Apdu.parse(apdu.encode(true))).isEqualTo(apdu);
    }
  }

  @Property(tries = 3000)
  void parse_randomBytes_onlyIllegalArgumentEscapes(@ForAll @Size(max = 300) byte[] bytes) {
    try {
      Apdu a = Apdu.parse(bytes);
      // Whatever parses must re-encode to the same bytes in the form it was given.
      assertThat(a.encode(bytes.length > 4 && bytes[4] == 0 && bytes.length > 5)).isEqualTo(bytes);
    } catch (IllegalArgumentException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
