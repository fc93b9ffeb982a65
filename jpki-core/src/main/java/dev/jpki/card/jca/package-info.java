// SPDX-License-Identifier: Apache-2.0
/**
 * A {@link java.security.Provider} ("JPKI") that exposes the card's two JPKI keys through the standard
 * {@link java.security.KeyStore} and {@link java.security.Signature} APIs, so existing JCA code and
 * BouncyCastle CMS can sign with the card.
 */
@NullMarked
package dev.jpki.card.jca;

import org.jspecify.annotations.NullMarked;
