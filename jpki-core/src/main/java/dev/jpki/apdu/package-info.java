// SPDX-License-Identifier: Apache-2.0
/**
 * The APDU protocol layer: command and response APDUs, status words, the
 * {@link dev.jpki.apdu.CardTransport} SPI every reader implements, and the checked exceptions of the
 * card protocol (all subclasses of {@link dev.jpki.JpkiException}).
 *
 * <p>Transports (PC/SC, Android NFC, the virtual card) implement {@link dev.jpki.apdu.CardTransport}
 * only; the applets talk to the card through an internal channel built on it.
 */
@NullMarked
package dev.jpki.apdu;

import org.jspecify.annotations.NullMarked;
