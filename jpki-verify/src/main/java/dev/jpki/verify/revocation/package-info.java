// SPDX-License-Identifier: Apache-2.0
/**
 * Pluggable revocation checking: the {@link dev.jpki.verify.revocation.RevocationSource} SPI, a
 * compact CRL index for CRLs with millions of entries, CRL sources that load and refresh from files
 * or URLs, and an OCSP client. Sources fail closed: a source that cannot answer reports
 * {@link dev.jpki.verify.revocation.RevocationStatus.Kind#UNAVAILABLE}, which callers turn into
 * INDETERMINATE, never VALID.
 */
@NullMarked
package dev.jpki.verify.revocation;

import org.jspecify.annotations.NullMarked;
