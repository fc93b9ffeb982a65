// SPDX-License-Identifier: Apache-2.0
/**
 * Models of real readers and phones, to run card flows against the virtual card as they would run on
 * hardware (docs/card-protocol.md §16): a CCID reader that carries only short responses, a reader that
 * answers {@code 6700} to extended Le, a T=0 reader ({@code 61xx}/{@code 6Cxx}, GET RESPONSE), a
 * Windows-like transaction that resets the card after 5 s idle (with a {@link
 * dev.jpki.testkit.reader.TestClock}), a phone with a small maximum response, and readers that lie
 * (truncated, too long, endless {@code 61xx}).
 *
 * <p>Card-level behaviours ({@link dev.jpki.testkit.reader.ReaderCards}) wrap an {@link
 * dev.jpki.testkit.card.ApduProcessor}, so they work in process, through vpcd ({@code VpcdBridge}) and
 * behind a mocked Android {@code IsoDep}. Link-level behaviours (transport errors, resets) are
 * {@link dev.jpki.apdu.CardTransport} decorators ({@link dev.jpki.testkit.reader.ReaderTransports}).
 * Generic fault injection at every APDU is a separate concern ({@code VirtualCardTransport}'s fault
 * methods).
 */
@NullMarked
package dev.jpki.testkit.reader;

import org.jspecify.annotations.NullMarked;
