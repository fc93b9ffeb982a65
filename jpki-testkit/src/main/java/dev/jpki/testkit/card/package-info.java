// SPDX-License-Identifier: Apache-2.0
/**
 * The virtual My Number Card: a stateful, plain-Java APDU processor that follows the card's behaviour
 * as documented in docs/card-protocol.md (§3-§8, simulator model §12), built from an immutable {@link
 * dev.jpki.testkit.card.CardProfile}.
 *
 * <p>Start with {@link dev.jpki.testkit.card.VirtualMyNumberCard#create(CardProfile)}.
 */
@NullMarked
package dev.jpki.testkit.card;

import org.jspecify.annotations.NullMarked;
