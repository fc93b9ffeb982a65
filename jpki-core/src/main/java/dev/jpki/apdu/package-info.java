/**
 * The APDU protocol layer: command and response APDUs, status words, BER-TLV parsing, the
 * {@link dev.jpki.apdu.CardTransport} SPI every reader implements, and the checked exception tree.
 *
 * <p>Applets build on {@link dev.jpki.apdu.CardChannel}; transports (PC/SC, Android NFC, the virtual
 * card) implement {@link dev.jpki.apdu.CardTransport} only.
 */
@NullMarked
package dev.jpki.apdu;

import org.jspecify.annotations.NullMarked;
