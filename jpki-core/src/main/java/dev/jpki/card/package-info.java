// SPDX-License-Identifier: Apache-2.0
/**
 * The My Number Card session and its applications: {@link dev.jpki.card.MyNumberCard} opens a session
 * over any {@link dev.jpki.apdu.CardTransport}; {@link dev.jpki.card.JpkiApplet}, {@link
 * dev.jpki.card.TextApplet}, {@link dev.jpki.card.VisualApplet} and {@link dev.jpki.card.CommonApplet} run
 * the card operations, each with the same credential methods ({@code pinStatus}, {@code verify},
 * {@code isVerified}, and {@code changePin} where the card allows it); {@link dev.jpki.card.Pin} carries credentials
 * under the PIN safety contract (format checked before any APDU, one VERIFY per call, last try refused
 * unless allowed, never logged).
 */
@NullMarked
package dev.jpki.card;

import org.jspecify.annotations.NullMarked;
