// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EvidenceTest {
  private static Evidence sample() {
    return Evidence.builder(EvidenceKind.FACE_TO_FACE)
        .put(Evidence.CHALLENGE, new byte[] {1, 2, 3})
        .put(Evidence.CARD_KEY_SIGNATURE, new byte[] {4})
        .put(Evidence.COMMON_RECORD, new byte[0])
        .build();
  }

  @Test
  void roundTripsThroughBytes() throws Exception {
    Evidence e = sample();
    byte[] b = e.toBytes();
    assertThat(Arrays.copyOf(b, 4)).containsExactly('J', 'E', 1, 6);
    Evidence back = Evidence.fromBytes(b);
    assertThat(back).isEqualTo(e);
    assertThat(back.kind()).isEqualTo(EvidenceKind.FACE_TO_FACE);
    assertThat(back.challenge()).containsExactly(1, 2, 3);
    assertThat(back.commonRecord()).isEmpty();
    assertThat(back.cardFace()).isNull();
    assertThat(back.toString()).isEqualTo("Evidence[FACE_TO_FACE, challenge, cardKeySignature, commonRecord]");
  }

  @Test
  void refusesMalformedEncodings() {
    byte[] good = sample().toBytes();
    assertThatThrownBy(() -> Evidence.fromBytes(new byte[] {'X', 'E', 1, 1})).isInstanceOf(EvidenceFormatException.class)
        .hasMessageContaining("magic");
    assertThatThrownBy(() -> Evidence.fromBytes(new byte[] {'J', 'E', 2, 1})).hasMessageContaining("version 2");
    assertThatThrownBy(() -> Evidence.fromBytes(new byte[] {'J', 'E', 1, 99})).hasMessageContaining("kind 99");
    assertThatThrownBy(() -> Evidence.fromBytes(Arrays.copyOf(good, good.length - 1)))
        .isInstanceOf(EvidenceFormatException.class);
    assertThatThrownBy(() -> Evidence.fromBytes(new byte[] {'J', 'E', 1, 1, 11, 0, 0, 0, 0}))
        .hasMessageContaining("unknown field tag 11");
    assertThatThrownBy(() -> Evidence.fromBytes(new byte[] {'J', 'E', 1, 1, 2, 0, 0, 0, 0, 1, 0, 0, 0, 0}))
        .hasMessageContaining("out of order");
    assertThatThrownBy(() -> Evidence.fromBytes(new byte[] {'J', 'E', 1, 1, 1, 0x7f, 0, 0, 0}))
        .hasMessageContaining("longer than the remaining");
    assertThatThrownBy(() -> Evidence.fromBytes(new byte[Evidence.MAX_ENCODED + 1])).hasMessageContaining("larger");
  }

  @Test
  void ocrExpiryYearMustBeFourDigits() throws Exception {
    Evidence e = Evidence.builder(EvidenceKind.AGE_OCR).put(Evidence.OCR_EXPIRY_YEAR, "20x4".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).build();
    assertThat(e.ocrExpiryYear()).isNull();
    Evidence ok = Evidence.builder(EvidenceKind.AGE_OCR).put(Evidence.OCR_EXPIRY_YEAR, "2034".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).build();
    assertThat(ok.ocrExpiryYear()).isEqualTo(2034);
  }
}
