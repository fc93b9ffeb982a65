// SPDX-License-Identifier: Apache-2.0
/**
 * A web login with the card, end to end: {@link LoginServer} (JDK HTTP server, JSON endpoints, a page
 * with the challenge as text and QR code) on {@code jpki-jdbc} stores, and {@code jpki login URL} as the
 * holder's side.
 */
@NullMarked
package dev.jpki.examples.login;

import org.jspecify.annotations.NullMarked;
