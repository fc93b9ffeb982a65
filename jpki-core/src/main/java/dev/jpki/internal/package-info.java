// SPDX-License-Identifier: Apache-2.0
/**
 * Implementation details of jpki-core shared with the sibling jpki modules: BER-TLV parsing, hex
 * encoding and the APDU channel the applets use. Not part of the public API: the module descriptor
 * exports this package only to the other jpki modules, and it may change in any release.
 */
@NullMarked
package dev.jpki.internal;

import org.jspecify.annotations.NullMarked;
