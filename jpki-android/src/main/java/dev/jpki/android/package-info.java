// SPDX-License-Identifier: Apache-2.0
/**
 * Android NFC transport: {@link dev.jpki.android.IsoDepTransport} over {@code android.nfc.tech.IsoDep}
 * with a timeout long enough for on-card RSA, and {@link dev.jpki.android.JpkiNfcReader}, a reader-mode
 * callback that runs card work on a caller-supplied executor and reports the result or a typed error.
 *
 * <p>This is the only module of the SDK that sees {@code android.*}. It is compiled against the API 16
 * stub jar and checked against Android API 24 (animal-sniffer); reader mode (API 19) is reached through
 * {@link dev.jpki.android.ReaderMode}.
 */
@NullMarked
package dev.jpki.android;

import org.jspecify.annotations.NullMarked;
