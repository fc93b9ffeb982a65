// SPDX-License-Identifier: Apache-2.0
package dev.jpki.internal;

import dev.jpki.apdu.MalformedResponseException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ResponseTest {
  @Test
  void parse_splitsDataAndStatusWord() throws Exception {
    Response r = Response.parse(Hex.decode("0102 9000"));
    assertThat(r.data()).containsExactly(1, 2);
    assertThat(r.sw()).isEqualTo(StatusWord.OK);
    assertThat(r.isSuccess()).isTrue();
  }

  @Test
  void parse_oneByte_isMalformed() {
    assertThatThrownBy(() -> Response.parse(new byte[] {(byte) 0x90}))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("SW1 SW2 need 2");
  }

  @Test
  void toString_neverShowsData() throws Exception {
    assertThat(Response.parse(Hex.decode("313233343536 9000")).toString())
        .isEqualTo("Response[len=6 SW=9000]");
  }

  @Test
  void statusWord_retryCounterHelpers() {
    assertThat(StatusWord.isRetryCounter(0x63C2)).isTrue();
    assertThat(StatusWord.retriesLeft(0x63C2)).isEqualTo(2);
    assertThat(StatusWord.isRetryCounter(0x6300)).isFalse();
    assertThatThrownBy(() -> StatusWord.retriesLeft(0x9000)).isInstanceOf(IllegalArgumentException.class);
    assertThat(StatusWord.describe(0x6A82)).isEqualTo("6A82 (file or application not found)");
    assertThat(StatusWord.describe(0x63C1)).contains("1 tries left");
  }

  @Property(tries = 1000)
  void parseThenEncode_roundTrips(@ForAll @Size(min = 2, max = 600) byte[] raw) throws Exception {
    assertThat(Response.parse(raw).encode()).isEqualTo(raw);
  }
}
