// SPDX-License-Identifier: Apache-2.0
/**
 * Android example: NFC reader mode with {@link dev.jpki.android.JpkiNfcReader}, a JPKI login
 * (certificate + signature over a server challenge) and an age check from the card's age record.
 * Compiled against the Android stub jar so it cannot rot; it is not run by the build.
 */
@NullMarked
package dev.jpki.examples.android;

import org.jspecify.annotations.NullMarked;
