// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random credential values of every type: either a well-formed value whose card encoding is plain ASCII
 * of the allowed characters, or an {@link IllegalArgumentException} that names the rule and never the
 * value — so a malformed PIN (full-width digits, a lower-case letter where only digits go, a stray
 * control character) can never reach the card and cost a try.
 */
class PinFuzzTest {

  @Provide
  Arbitrary<String> candidates() {
    Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(16);
    Arbitrary<String> alnum = Arbitraries.strings().alpha().numeric().ofMinLength(0).ofMaxLength(18);
    // look-alikes: full-width and Arabic-Indic digits, Cyrillic letters, NUL, spaces
    Arbitrary<String> tricky = Arbitraries.strings().withChars("0123456789１２３４٣ABCabcАВС \u0000\t-")
        .ofMinLength(0).ofMaxLength(16);
    return Arbitraries.oneOf(digits, alnum, tricky, Arbitraries.strings().ofMaxLength(20));
  }

  @Property
  void everyType_wellFormedOrARuleMessage(@ForAll PinType type, @ForAll("candidates") String value) {
    try (Pin pin = Pin.of(type, value.toCharArray())) {
      byte[] encoded = pin.encodeForCard();
      assertThat(encoded).hasSize(value.length());
      for (byte b : encoded) {
        boolean ascii = (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z');
        assertThat(ascii).as("card encoding is ASCII digits or upper-case letters").isTrue();
      }
      if (value.length() >= 3) {
        assertThat(pin.toString()).doesNotContain(value);
      }
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).startsWith(type.label());
      if (value.length() >= 3) {
        assertThat(e.getMessage()).doesNotContain(value);
      }
    }
  }
}
