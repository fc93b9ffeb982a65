// SPDX-License-Identifier: Apache-2.0
package consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jpki.testkit.Personas;
import org.junit.jupiter.api.Test;

class CardReaderTest {
  @Test
  void readsTheCertificateAndPinStatusWithJpkiCoreAlone() throws Exception {
    CardReader.Reading reading = CardReader.read(Personas.get("default").newCard().transport());
    assertEquals(0x30, reading.certificate[0] & 0xff, "DER SEQUENCE");
    assertEquals(3, reading.triesLeft);
  }
}
