// SPDX-License-Identifier: Apache-2.0
/**
 * Puts a virtual card into a real PC/SC stack: {@link dev.jpki.testkit.vpcd.VpcdBridge} is the card
 * side of vsmartcard's vpcd driver for pcscd (docs/testing.md §1.3-1.5).
 */
@NullMarked
package dev.jpki.testkit.vpcd;

import org.jspecify.annotations.NullMarked;
