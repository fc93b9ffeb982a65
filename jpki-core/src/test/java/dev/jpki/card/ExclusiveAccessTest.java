// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.apdu.CardTransport;
import dev.jpki.apdu.TransportCapabilities;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The session holds the transport's exclusive access for one operation at a time and releases it before
 * returning, so no PC/SC transaction stays open across user think-time (docs/card-protocol.md §16).
 */
class ExclusiveAccessTest {

  /** Answers like a JPKI card to SELECT, the empty VERIFY (3 tries) and VERIFY; records events. */
  static final class RecordingCard implements CardTransport {
    final List<String> events = new ArrayList<>();

    @Override
    public byte[] transceive(byte[] c) {
      int ins = c[1] & 0xFF;
      events.add(String.format("APDU %02X", ins));
      if (ins == 0x20 && c.length == 4) {
        return new byte[] {0x63, (byte) 0xC3};
      }
      if (ins == 0x2A) {
        byte[] sig = new byte[258];
        sig[256] = (byte) 0x90;
        return sig;
      }
      return new byte[] {(byte) 0x90, 0x00};
    }

    @Override
    public TransportCapabilities capabilities() {
      return TransportCapabilities.shortOnly();
    }

    @Override
    public void beginExclusive() {
      events.add("begin");
    }

    @Override
    public void endExclusive() {
      events.add("end");
    }

    @Override
    public void close() {
      events.add("close");
    }
  }

  @Test
  void eachVerify_holdsExclusiveForItsOwnApdus_andReleasesBeforeReturning() throws Exception {
    RecordingCard t = new RecordingCard();
    try (MyNumberCard card = MyNumberCard.open(t);
        Pin pin = Pin.authentication("1234".toCharArray());
        Pin again = Pin.authentication("1234".toCharArray())) {
      card.jpki().verify(pin);
      assertThat(t.events).last().isEqualTo("end");
      card.jpki().verify(again);
      assertThat(t.events).last().isEqualTo("end");
    }
    assertThat(t.events).filteredOn(e -> e.equals("begin")).hasSize(2);
    assertThat(t.events).filteredOn(e -> e.equals("end")).hasSize(2);
    assertThat(t.events.indexOf("begin")).isLessThan(t.events.indexOf("APDU 20"));
    assertThat(t.events).last().isEqualTo("close");
  }

  @Test
  void verifyAndSign_runsUnderOneHold() throws Exception {
    RecordingCard t = new RecordingCard();
    try (MyNumberCard card = MyNumberCard.open(t); Pin pin = Pin.authentication("1234".toCharArray())) {
      card.jpki().verifyAndSign(KeyType.AUTHENTICATION, pin, HashAlgorithm.SHA256.digestInfo(new byte[32]));
    }
    assertThat(t.events).filteredOn(e -> e.equals("begin")).hasSize(1);
    int begin = t.events.indexOf("begin");
    int end = t.events.indexOf("end");
    assertThat(t.events.subList(begin, end)).contains("APDU 20", "APDU 2A");
    assertThat(t.events.subList(end, t.events.size())).doesNotContain("APDU 20", "APDU 2A");
  }

  @Test
  void signatureAlone_holdsExclusiveOnlyForSelectAndSign() throws Exception {
    RecordingCard t = new RecordingCard();
    try (MyNumberCard card = MyNumberCard.open(t)) {
      card.jpki().signDigestInfo(KeyType.AUTHENTICATION, HashAlgorithm.SHA256.digestInfo(new byte[32]));
      assertThat(t.events).containsExactly("begin", "APDU A4", "APDU A4", "APDU 2A", "end");
    }
  }

  @Test
  void readOnlySession_neverTakesExclusive() throws Exception {
    RecordingCard t = new RecordingCard();
    try (MyNumberCard card = MyNumberCard.open(t)) {
      card.jpki().pinStatus(PinType.AUTHENTICATION);
    }
    assertThat(t.events).doesNotContain("begin", "end").endsWith("close");
  }
}
