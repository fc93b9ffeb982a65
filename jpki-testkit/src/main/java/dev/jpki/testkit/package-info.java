// SPDX-License-Identifier: Apache-2.0
/**
 * Test personas for the virtual My Number Card: {@link dev.jpki.testkit.Personas} holds the built-in
 * ones of docs/cli.md, {@link dev.jpki.testkit.Persona} the data, credentials, certificates and
 * card profile of one holder. Sub-packages hold the card engine ({@code card}), the test PKI ({@code
 * pki}), transports and the vpcd bridge.
 */
@NullMarked
package dev.jpki.testkit;

import org.jspecify.annotations.NullMarked;
