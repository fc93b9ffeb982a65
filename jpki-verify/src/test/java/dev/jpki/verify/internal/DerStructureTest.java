// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.internal.Hex;
import dev.jpki.verify.BadInputException;
import org.junit.jupiter.api.Test;

class DerStructureTest {
  private static byte[] hex(String s) {
    return Hex.decode(s.replace(" ", ""));
  }

  @Test
  void check_wellFormed_passes() {
    assertThatCode(() -> DerStructure.check(hex("30 06 02 01 05 04 01 FF"), "x", 8, false)).doesNotThrowAnyException();
    assertThatCode(() -> DerStructure.check(hex("30 80 02 01 05 24 80 04 01 AA 00 00 00 00"), "x", 8, true))
        .doesNotThrowAnyException();
  }

  @Test
  void check_indefiniteWhenNotAllowed_fails() {
    assertThatThrownBy(() -> DerStructure.check(hex("30 80 02 01 05 00 00"), "x", 8, false))
        .isInstanceOf(BadInputException.class).hasMessageContaining("indefinite");
  }

  @Test
  void check_primitiveIndefinite_fails() {
    assertThatThrownBy(() -> DerStructure.check(hex("04 80 00 00"), "x", 8, true)).isInstanceOf(BadInputException.class);
  }

  @Test
  void check_tooDeep_failsWithoutStackOverflow() {
    byte[] deep = new byte[2_000_000];
    for (int i = 0; i < deep.length; i += 2) {
      deep[i] = 0x30;
      deep[i + 1] = (byte) 0x80;
    }
    assertThatThrownBy(() -> DerStructure.check(deep, "x", DerStructure.DEFAULT_MAX_DEPTH, true))
        .isInstanceOf(BadInputException.class).hasMessageContaining("nesting");
  }

  @Test
  void check_lengthBeyondData_trailingBytes_missingEoc_fail() {
    assertThatThrownBy(() -> DerStructure.check(hex("30 84 7F FF FF FF 00"), "x", 8, false))
        .isInstanceOf(BadInputException.class).hasMessageContaining("exceeds");
    assertThatThrownBy(() -> DerStructure.check(hex("30 00 00"), "x", 8, false))
        .isInstanceOf(BadInputException.class).hasMessageContaining("trailing");
    assertThatThrownBy(() -> DerStructure.check(hex("30 80 02 01 05"), "x", 8, true))
        .isInstanceOf(BadInputException.class);
    assertThatThrownBy(() -> DerStructure.check(new byte[0], "x", 8, true)).isInstanceOf(BadInputException.class);
    assertThatThrownBy(() -> DerStructure.check(hex("30 85 00 00 00 00 01"), "x", 8, false))
        .isInstanceOf(BadInputException.class).hasMessageContaining("too long");
  }

  @Test
  void cursor_twoByteTagsAndNonMinimalLengths_asOnTheCard() throws Exception {
    byte[] b = hex("FF 40 82 00 05 DF 41 02 01 03");
    DerCursor c = new DerCursor(b, 0, "card");
    c.expect(0xFF40, b.length, "outer");
    c.expect(0xDF41, c.valueEnd(), "inner");
    org.assertj.core.api.Assertions.assertThat(c.valueLength()).isEqualTo(2);
  }
}
