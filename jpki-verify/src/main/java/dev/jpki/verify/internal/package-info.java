// SPDX-License-Identifier: Apache-2.0
/**
 * Internal helpers of jpki-verify (bounded DER reading, PEM, hex). Not API: may change without
 * notice.
 */
@NullMarked
package dev.jpki.verify.internal;

import org.jspecify.annotations.NullMarked;
