// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.card;

import static dev.jpki.testkit.card.TestCards.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class CardProfileTest {

  @Test
  void aid_jpki_isSpecValueAndACopy() {
    byte[] aid = Application.JPKI.aid();
    assertThat(TestCards.hex(aid)).isEqualTo("D392F000260100000001");
    aid[0] = 0;
    assertThat(Application.JPKI.aid()[0]).isEqualTo((byte) 0xD3);
  }

  @Test
  void aid_allApplications_matchSpecSection2() {
    assertThat(TestCards.hex(Application.TEXT.aid())).isEqualTo("D3921000310001010408");
    assertThat(TestCards.hex(Application.VISUAL.aid())).isEqualTo("D3921000310001010402");
    assertThat(TestCards.hex(Application.COMMON.aid())).isEqualTo("D3921000310001010100");
    assertThat(TestCards.hex(Application.JUKI.aid())).isEqualTo("D3921000310001010401");
  }

  @Test
  void aid_mf_throwsIllegalState() {
    assertThatThrownBy(Application.MF::aid).isInstanceOf(IllegalStateException.class);
    assertThat(Application.MF.hasAid()).isFalse();
  }

  @Test
  void access_anyOf_keepsFidsAndRejectsBadInput() {
    assertThat(Access.anyOf(0x11, 0x14).credentialFids()).containsExactly(0x11, 0x14);
    assertThat(Access.anyOf(0x11)).isEqualTo(Access.anyOf(0x11));
    assertThat(Access.always().isAlways()).isTrue();
    assertThat(Access.never().isNever()).isTrue();
    assertThatThrownBy(Access::anyOf).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Access.anyOf(0x10000)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10000");
  }

  @Test
  void builder_defaultApplications_areThoseWithContent() {
    CardProfile p = CardProfile.builder()
        .file(Application.JPKI, 0x000A, new byte[] {1}, Access.always())
        .cardKey(Application.VISUAL, TestCards.priv(TestCards.CARD_KEY))
        .build();
    assertThat(p.applications()).containsExactlyInAnyOrder(Application.JPKI, Application.VISUAL);
  }

  @Test
  void builder_explicitApplications_override() {
    CardProfile p = CardProfile.builder()
        .file(Application.JPKI, 0x000A, new byte[] {1}, Access.always())
        .applications(EnumSet.of(Application.JPKI, Application.JUKI, Application.MF))
        .build();
    assertThat(p.applications()).containsExactlyInAnyOrder(Application.JPKI, Application.JUKI);
  }

  @Test
  void builder_copiesContent() {
    byte[] content = {1, 2, 3};
    CardProfile p = CardProfile.builder().file(Application.JPKI, 2, content, Access.always())
        .build();
    content[0] = 9;
    assertThat(p.file(Application.JPKI, 2)).hasValueSatisfying(c -> assertThat(c)
        .containsExactly(1, 2, 3));
  }

  @Test
  void toBuilder_replacesOneFileAndKeepsTheRest() {
    CardProfile base = TestCards.profile();
    CardProfile tampered = base.toBuilder()
        .file(Application.JPKI, 0x000A, new byte[] {0x30, 0x00}, Access.always())
        .build();
    assertThat(tampered.file(Application.JPKI, 0x000A)).hasValueSatisfying(c ->
        assertThat(c).containsExactly(0x30, 0x00));
    assertThat(base.file(Application.JPKI, 0x000A)).hasValueSatisfying(c ->
        assertThat(c).isEqualTo(TestCards.AUTH_CERT));
    assertThat(tampered.file(Application.JPKI, 0x0002).orElseThrow())
        .isEqualTo(base.file(Application.JPKI, 0x0002).orElseThrow());
    assertThat(tampered.applications()).isEqualTo(base.applications());
    assertThat(tampered.dataObject(0x5F51)).isPresent();
  }

  @Test
  void records_andDataObjects_areReadable() {
    CardProfile p = TestCards.profile();
    assertThat(p.records(Application.COMMON, 1)).hasValueSatisfying(r ->
        assertThat(r.get(0)).isEqualTo(TestCards.COMMON_RECORD));
    assertThat(p.records(Application.JPKI, 0x000A)).isEmpty();
    assertThat(p.file(Application.COMMON, 1)).isEmpty();
    assertThat(p.dataObject(0x0042)).isEmpty();
  }

  @Test
  void builder_rejectsMfFilesAndBadValuesWithClearMessages() {
    CardProfile.Builder b = CardProfile.builder();
    assertThatThrownBy(() -> b.file(Application.MF, 1, new byte[1], Access.always()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MF");
    assertThatThrownBy(() -> b.credential(Application.JPKI, 0x18, ascii("1234"), 16))
        .hasMessageContaining("maxTries");
    assertThatThrownBy(() -> b.credential(Application.JPKI, 0x18, ascii("1234"), 3, 4))
        .hasMessageContaining("triesLeft");
    assertThatThrownBy(() -> b.file(Application.JPKI, 0x10000, new byte[1], Access.always()))
        .hasMessageContaining("FID");
    assertThatThrownBy(() -> b.recordFile(Application.COMMON, 1, List.of(), Access.always()))
        .hasMessageContaining("record");
    assertThatThrownBy(() -> b.atr(new byte[1])).hasMessageContaining("ATR");
  }

  @Test
  void credentialErrors_neverContainTheValue() {
    assertThatThrownBy(() -> CardProfile.builder().credential(Application.JPKI, 0x18,
        new byte[300], 3)).message().doesNotContain("0000");
  }

  @Test
  void atr_defaultIsMyNumberCardContactAtr() {
    assertThat(TestCards.hex(CardProfile.builder().build().atr()))
        .isEqualTo("3BE000FF8131FE4514");
    assertThat(TestCards.card().atr()).isEqualTo(TestCards.hex("3BE000FF8131FE4514"));
  }

  @Test
  void toString_containsNoFileContentOrCredential() {
    String s = TestCards.profile().toString();
    assertThat(s).contains("JPKI").doesNotContain(TestCards.SIGN_PASSWORD)
        .doesNotContain("987654321098");
  }
}
