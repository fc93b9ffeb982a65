// SPDX-License-Identifier: Apache-2.0
/**
 * The JPKI-shaped test PKI: fixed test keys, J-LIS-shaped roots and leaf certificates (docs/card-protocol.md §9), CRLs
 * and an OCSP responder (docs/card-protocol.md §9.6), and byte-exact card data for the JPKI, text, visual and common
 * APs (docs/card-protocol.md §5-§8), signed with test issuer keys.
 *
 * <p>Start with {@link dev.jpki.testkit.pki.TestPki#get()}. Nothing here is trusted outside tests: every
 * key is published in this module's resources.
 */
@NullMarked
package dev.jpki.testkit.pki;

import org.jspecify.annotations.NullMarked;
