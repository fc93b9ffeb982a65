// SPDX-License-Identifier: Apache-2.0
package dev.jpki.internal;

import java.util.Locale;

/**
 * How {@link CardChannel} sizes the first READ BINARY of an EF whose length comes from its own TLV header
 * (docs/card-protocol.md §3.3).
 *
 * <p>With extended length, asking for the largest chunk first reads a small object in one APDU, but a card
 * that pads its EF answers with the whole padded file: the virtual card pads the 1.25 KB certificate EF to
 * 2 KB, so 800 bytes of filler cross the link. Header first asks for one short chunk (at most 256 bytes:
 * the header, and all of a small object), then for exactly the bytes the header announces. Which costs
 * less depends on the reader's cost per APDU against its cost per byte, which no vendor publishes
 * (docs/card-protocol.md §1, UNCONFIRMED). The testkit's latency models favour header first on every
 * extended-length reader (benchmarks/README.md, "Read strategy"); {@link #DEFAULT} still keeps the fewest
 * APDUs, which the project's round-trip tests and tables assert, until that contract is changed with it.
 * The system property {@value #PROPERTY} ({@code largest-chunk} or {@code header-first}) overrides it, e.g.
 * for a deployment whose readers were measured.
 */
public enum ReadStrategy {
  /** First READ BINARY asks for the largest chunk the channel allows. */
  LARGEST_CHUNK,
  /** First READ BINARY asks for at most one short chunk; the rest follows in exactly-sized reads. */
  HEADER_FIRST;

  /** System property that overrides {@link #DEFAULT}. */
  public static final String PROPERTY = "dev.jpki.readStrategy";

  /** The strategy a channel uses unless {@link #PROPERTY} names another. */
  public static final ReadStrategy DEFAULT = LARGEST_CHUNK;

  /**
   * The strategy for a new channel: {@link #PROPERTY} if set to a known name, else {@link #DEFAULT}.
   *
   * @return the strategy
   */
  public static ReadStrategy current() {
    String v = System.getProperty(PROPERTY);
    if (v == null) {
      return DEFAULT;
    }
    switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "largest-chunk":
        return LARGEST_CHUNK;
      case "header-first":
        return HEADER_FIRST;
      default:
        return DEFAULT;
    }
  }

  /**
   * Bytes the first READ BINARY of a TLV object asks for.
   *
   * @param maxChunk the largest chunk the channel allows now
   * @return the size of the first read
   */
  int firstChunk(int maxChunk) {
    return this == HEADER_FIRST ? Math.min(maxChunk, CardChannel.SHORT_CHUNK) : maxChunk;
  }
}
