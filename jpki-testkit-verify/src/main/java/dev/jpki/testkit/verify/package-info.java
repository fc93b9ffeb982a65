// SPDX-License-Identifier: Apache-2.0
/**
 * One call to verify what the virtual My Number Card produces: {@link
 * dev.jpki.testkit.verify.TestVerification} hands jpki-verify the test PKI's roots, a profile that accepts
 * the test hierarchy's policies, and the test PKI's current CRLs.
 */
@NullMarked
package dev.jpki.testkit.verify;

import org.jspecify.annotations.NullMarked;
