package dev.jpki.card;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.apdu.CardTransport;
import dev.jpki.apdu.TransportCapabilities;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The session holds the transport's exclusive access from the first VERIFY until it closes. */
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
  void verify_takesExclusiveOnceBeforeTheFirstVerify_andReleasesOnClose() throws Exception {
    RecordingCard t = new RecordingCard();
    try (MyNumberCard card = MyNumberCard.open(t);
        Pin pin = Pin.authentication("1234".toCharArray());
        Pin again = Pin.authentication("1234".toCharArray())) {
      card.jpki().verify(pin);
      card.jpki().verify(again);
    }
    assertThat(t.events).filteredOn(e -> e.equals("begin")).hasSize(1);
    assertThat(t.events.indexOf("begin")).isLessThan(t.events.indexOf("APDU 20"));
    assertThat(t.events.subList(t.events.size() - 2, t.events.size())).containsExactly("end", "close");
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
