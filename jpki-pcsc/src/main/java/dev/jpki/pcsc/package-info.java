// SPDX-License-Identifier: Apache-2.0
/**
 * PC/SC transport over {@code javax.smartcardio}: reader discovery, waiting for a card, a
 * {@link dev.jpki.apdu.CardTransport} with exclusive access and reset on close, typed errors whose
 * messages say what to do, and a never-throwing diagnostics probe for {@code jpki doctor}.
 *
 * <p>This is the only module of the SDK that sees {@code javax.smartcardio}.
 */
@NullMarked
package dev.jpki.pcsc;

import org.jspecify.annotations.NullMarked;
