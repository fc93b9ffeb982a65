// SPDX-License-Identifier: Apache-2.0
/**
 * Runnable examples of the SDK: reading a card over PC/SC (or the virtual card), and a server verifying a
 * login. The CLI's {@code jpki demo} runs the whole story on the embedded virtual card.
 */
@NullMarked
package dev.jpki.examples;

import org.jspecify.annotations.NullMarked;
