// SPDX-License-Identifier: Apache-2.0
/**
 * The fluent entry point {@link dev.jpki.Jpki}: run card work in a session that cannot leak (loan
 * pattern), synchronously or on a caller-supplied executor.
 */
@NullMarked
package dev.jpki;

import org.jspecify.annotations.NullMarked;
