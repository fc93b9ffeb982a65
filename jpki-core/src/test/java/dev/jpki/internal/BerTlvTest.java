// SPDX-License-Identifier: Apache-2.0
package dev.jpki.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.apdu.MalformedResponseException;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BerTlvTest {

  @Test
  void parse_textApBasicInfoHeader_nonMinimalLongForm() throws Exception {
    // docs/card-protocol.md §3.3: the text-AP EF starts FF 40 82 00 9F (159 in the 82 form).
    byte[] file = new byte[5 + 0x9F];
    System.arraycopy(Hex.decode("FF4082009F"), 0, file, 0, 5);
    BerTlv t = BerTlv.parse(file, "text AP EF 0005");
    assertThat(t.tag()).isEqualTo(0xFF40);
    assertThat(t.isConstructed()).isTrue();
    assertThat(t.length()).isEqualTo(159);
    assertThat(t.headerLength()).isEqualTo(5);
    assertThat(t.totalLength()).isEqualTo(164);
  }

  @Test
  void children_fourInfoLayout_findsEachField() throws Exception {
    byte[] file = Hex.decode("FF200E" + "DF2101AA" + "DF2202C0C1" + "DF2402A1A2" + "0000");
    BerTlv outer = BerTlv.parsePrefix(file, "text AP EF 0002");
    List<BerTlv> kids = outer.children();
    assertThat(kids).extracting(BerTlv::tag).containsExactly(0xDF21, 0xDF22, 0xDF24);
    assertThat(outer.child(0xDF22).value()).containsExactly(0xC0, 0xC1);
    assertThat(outer.child(0xDF22).offset()).isEqualTo(7);
  }

  @Test
  void encodedLength_certificateHeader_givesTotal() throws Exception {
    assertThat(BerTlv.encodedLength(Hex.decode("30820512"), 4, "cert")).isEqualTo(0x512 + 4);
    assertThat(BerTlv.encodedLength(Hex.decode("3082"), 2, "cert")).isEqualTo(-1);
    assertThat(BerTlv.encodedLength(Hex.decode("7F218202"), 4, "cvc")).isEqualTo(-1);
    assertThat(BerTlv.encodedLength(Hex.decode("7F2182023300"), 6, "cvc")).isEqualTo(0x233 + 5);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource({
    "3005010203,       runs past the end",
    "3080010200,       indefinite length",
    "3085000000000100, at most 4 allowed",
    "FFFFFF0100,       longer than 3 bytes",
    "30,               length missing",
    "3082,             length field truncated",
    "'',               expected a tag",
  })
  void parse_malformed_givesTypedErrorWithOffset(String hex, String message) {
    assertThatThrownBy(() -> BerTlv.parse(Hex.decode(hex), "EF X"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageStartingWith("EF X")
        .hasMessageContaining(message.trim());
  }

  @Test
  void parse_trailingGarbage_isRejectedWithOffset() {
    assertThatThrownBy(() -> BerTlv.parse(Hex.decode("0401AAFF"), "EF Y"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("at offset 3")
        .hasMessageContaining("1 trailing bytes");
  }

  @Test
  void children_trailingGarbageInsideValue_isRejected() throws Exception {
    BerTlv t = BerTlv.parse(Hex.decode("3004020100FF"), "EF Z");
    assertThatThrownBy(t::children).isInstanceOf(MalformedResponseException.class);
  }

  @Test
  void parse_copiesInput() throws Exception {
    byte[] b = Hex.decode("0401AA");
    BerTlv t = BerTlv.parse(b, "x");
    b[2] = 0;
    assertThat(t.value()).containsExactly(0xAA);
  }

  @Test
  void toString_neverShowsValue() throws Exception {
    assertThat(BerTlv.parse(Hex.decode("0C03414243"), "x").toString()).doesNotContain("414243").contains("len=3");
  }

  /** Fuzz: random bytes give a TLV or the typed exception, nothing else (issue #2 "Bad input"). */
  @Property(tries = 5000)
  void parsers_randomBytes_onlyTypedExceptions(@ForAll @Size(max = 64) byte[] bytes) {
    try {
      BerTlv t = BerTlv.parsePrefix(bytes, "fuzz");
      assertThat(t.totalLength()).isLessThanOrEqualTo(bytes.length);
      t.children();
    } catch (MalformedResponseException expected) {
      assertThat(expected.source()).isEqualTo("fuzz");
    }
    try {
      BerTlv.parseSequence(bytes, 0, bytes.length, "fuzz");
      int n = BerTlv.encodedLength(bytes, bytes.length, "fuzz");
      assertThat(n).isGreaterThanOrEqualTo(-1);
    } catch (MalformedResponseException expected) {
      assertThat(expected.getMessage()).startsWith("fuzz");
    }
  }

  /** Fuzz: mutations of a valid nested TLV never escape as unchecked exceptions. */
  @Property(tries = 3000)
  void parse_mutatedValidTlv_onlyTypedExceptions(
      @ForAll @IntRange(min = 0, max = 20) int position, @ForAll byte replacement, @ForAll boolean truncate) {
    byte[] valid = Hex.decode("FF2012" + "DF2104000A000E" + "DF2203414243" + "DF2401" + "31" + "FFFF");
    byte[] mutated = valid.clone();
    mutated[position] = replacement;
    if (truncate) {
      mutated = java.util.Arrays.copyOf(mutated, position);
    }
    try {
      BerTlv outer = BerTlv.parsePrefix(mutated, "mutant");
      for (BerTlv c : outer.children()) {
        assertThat(c.valueOffset() + c.length()).isLessThanOrEqualTo(mutated.length);
      }
    } catch (MalformedResponseException expected) {
      assertThat(expected.offset()).isBetween(-1, mutated.length);
    }
  }
}
