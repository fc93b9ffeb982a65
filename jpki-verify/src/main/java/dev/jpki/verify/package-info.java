// SPDX-License-Identifier: Apache-2.0
/**
 * Server-side verification of JPKI (My Number Card) artefacts: certificate paths to pinned J-LIS
 * roots, the signature/authentication certificate profile (docs/card-protocol.md §9), raw PKCS#1 v1.5 and CMS
 * signatures, login challenges, the basic 4 info, age, and card-data genuineness.
 *
 * <p>Verdicts are values ({@link dev.jpki.verify.VerificationResult}); exceptions mean a check could
 * not run at all. Nothing here logs or prints personal data.
 */
@NullMarked
package dev.jpki.verify;

import org.jspecify.annotations.NullMarked;
