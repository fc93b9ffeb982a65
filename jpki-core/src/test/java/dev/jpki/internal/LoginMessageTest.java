// SPDX-License-Identifier: Apache-2.0
package dev.jpki.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LoginMessageTest {
  @Test
  void origin_normalisesSchemeHostAndDefaultPort() {
    assertThat(LoginMessage.origin("HTTPS://Login.Example.JP:443/a/b?c=d#e")).isEqualTo("https://login.example.jp");
    assertThat(LoginMessage.origin("http://localhost:8080/")).isEqualTo("http://localhost:8080");
    assertThat(LoginMessage.origin("http://127.0.0.1:80")).isEqualTo("http://127.0.0.1");
    assertThat(LoginMessage.origin("https://a.example:80")).isEqualTo("https://a.example:80");
  }

  @Test
  void origin_refusesWhatIsNotAnHttpOrigin() {
    for (String bad : new String[] {"ftp://a.example", "a.example", "https://", "mailto:x@a.example", "https://a b",
        "https://例え.jp", "https://" + "a".repeat(400) + ".example"}) {
      assertThatThrownBy(() -> LoginMessage.origin(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void encode_isLabelThenLengthPrefixedOriginAndChallenge() {
    byte[] challenge = new byte[20];
    Arrays.fill(challenge, (byte) 7);
    byte[] m = LoginMessage.encode("https://A.example/x", challenge);
    byte[] label = "jpki-java login v1\0".getBytes(StandardCharsets.US_ASCII);
    byte[] origin = "https://a.example".getBytes(StandardCharsets.US_ASCII);
    assertThat(Arrays.copyOfRange(m, 0, label.length)).isEqualTo(label);
    int p = label.length;
    assertThat(((m[p] & 0xff) << 8) | (m[p + 1] & 0xff)).isEqualTo(origin.length);
    assertThat(Arrays.copyOfRange(m, p + 2, p + 2 + origin.length)).isEqualTo(origin);
    p += 2 + origin.length;
    assertThat(((m[p] & 0xff) << 8) | (m[p + 1] & 0xff)).isEqualTo(20);
    assertThat(Arrays.copyOfRange(m, p + 2, m.length)).isEqualTo(challenge);
  }

  @Test
  void encode_differentOriginsGiveDifferentMessages_sameOriginSpeltDifferentlyTheSame() {
    byte[] c = new byte[32];
    assertThat(LoginMessage.sha256("https://a.example", c)).isNotEqualTo(LoginMessage.sha256("https://b.example", c));
    assertThat(LoginMessage.sha256("https://a.example", c)).isEqualTo(LoginMessage.sha256("HTTPS://A.EXAMPLE:443/", c));
    assertThat(LoginMessage.sha256("https://a.example", c)).hasSize(32);
  }

  @Test
  void encode_challengeLengthOutOfRange_isRefused() {
    assertThatThrownBy(() -> LoginMessage.encode("https://a.example", new byte[15]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LoginMessage.encode("https://a.example", new byte[257]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(LoginMessage.encode("https://a.example", new byte[256])).isNotEmpty();
  }
}
