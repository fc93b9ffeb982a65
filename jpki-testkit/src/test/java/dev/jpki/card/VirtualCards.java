// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import dev.jpki.apdu.TransportCapabilities;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.transport.VirtualCardTransport;
import java.time.LocalDate;

/** Sessions on the in-process virtual card with the testkit personas. */
final class VirtualCards {
  /** Short APDUs only, like many NFC stacks. */
  static final TransportCapabilities SHORT = TransportCapabilities.shortOnly();
  /** Extended length as javax.smartcardio carries it: responses up to 8192 bytes (docs/testing.md §1.6). */
  static final TransportCapabilities PCSC = TransportCapabilities.extended(65535, 8192);
  /** PC/SC with {@code ExtendedLength.PROVE}: short until a large extended READ BINARY proved the reader. */
  static final TransportCapabilities PCSC_PROVE = TransportCapabilities.proveExtended(65535, 8192);
  /** Full extended length (65536-byte responses). */
  static final TransportCapabilities EXTENDED = TransportCapabilities.extended(65544, 65538);

  private VirtualCards() {}

  static Persona persona(String name) {
    return Personas.get(name);
  }

  static VirtualCardTransport transport(String persona, TransportCapabilities caps) {
    return VirtualCardTransport.builder(persona(persona).newCard()).capabilities(caps).build();
  }

  static MyNumberCard open(String persona) {
    return MyNumberCard.open(transport(persona, SHORT));
  }

  static CardDate date(LocalDate d) {
    return CardDate.of(d.getYear(), d.getMonthValue(), d.getDayOfMonth());
  }

  static char[] chars(String s) {
    return s.toCharArray();
  }
}
