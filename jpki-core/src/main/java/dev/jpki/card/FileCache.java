// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Files read in one card session, so reading them again costs no APDU. Holds personal data (the 4 info,
 * the card face, the signature certificate): every copy handed out is a clone, and {@link #wipe()}
 * zeroes what is kept. Confined to the session's thread.
 */
final class FileCache {
  private final Map<String, byte[]> files = new HashMap<>();

  /** @return a copy of the cached bytes, or null if the file was not read in this session */
  byte @Nullable [] get(String key) {
    byte[] b = files.get(key);
    return b == null ? null : b.clone();
  }

  /** Keeps a copy of {@code data}, wiping a previous entry under the same key. */
  void put(String key, byte[] data) {
    byte[] old = files.put(key, data.clone());
    if (old != null) {
      Arrays.fill(old, (byte) 0);
    }
  }

  /** Zeroes and forgets every file (on close, and when the card may have been reset or replaced). */
  void wipe() {
    for (byte[] b : files.values()) {
      Arrays.fill(b, (byte) 0);
    }
    files.clear();
  }
}
