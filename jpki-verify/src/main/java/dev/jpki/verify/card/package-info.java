// SPDX-License-Identifier: Apache-2.0
/**
 * Genuineness of data read from the My Number Card's 券面 applications (docs/card-protocol.md §6.4, §6.5, §7.3,
 * §7.4): card-verifiable certificates, integrity records, card-face and age-record signatures, and
 * the liveness challenge signed by the card key.
 */
@NullMarked
package dev.jpki.verify.card;

import org.jspecify.annotations.NullMarked;
