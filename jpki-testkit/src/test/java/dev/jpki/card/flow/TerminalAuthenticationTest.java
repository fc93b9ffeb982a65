// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.card.MyNumberCard;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.transport.VirtualCardTransport;
import org.junit.jupiter.api.Test;

class TerminalAuthenticationTest {
  @Test
  void notConfiguredAnswersNotAvailableWithoutTouchingTheCard() throws Exception {
    TerminalAuthentication t = TerminalAuthentication.notConfigured();
    assertThat(t.isAvailable()).isFalse();
    VirtualCardTransport transport = VirtualCardTransport.of(Personas.get(Personas.DEFAULT).newCard());
    try (MyNumberCard card = MyNumberCard.open(transport)) {
      assertThatThrownBy(() -> t.authenticate(card))
          .isInstanceOf(TerminalAuthenticationUnavailableException.class)
          .hasMessageContaining("not available");
      assertThat(card.selectedApplication()).isEmpty();
    }
  }
}
