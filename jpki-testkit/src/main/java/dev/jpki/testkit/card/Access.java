// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.card;

import java.util.Arrays;

/**
 * Who may read an EF or use a key (docs/card-protocol.md §5.1, §6.1, §7.1): nobody, everybody, or anybody who has
 * verified one of a set of key references (credentials) in the same DF during this session.
 *
 * <p>Immutable.
 */
public final class Access {
  private static final Access ALWAYS = new Access(Kind.ALWAYS, new int[0]);
  private static final Access NEVER = new Access(Kind.NEVER, new int[0]);

  private enum Kind { ALWAYS, NEVER, ANY_OF }

  private final Kind kind;
  private final int[] credentialFids;

  private Access(Kind kind, int[] credentialFids) {
    this.kind = kind;
    this.credentialFids = credentialFids;
  }

  /**
   * No credential needed.
   *
   * @return the "always" rule
   */
  public static Access always() {
    return ALWAYS;
  }

  /**
   * Not readable (or usable) with any holder credential: the card answers {@code 6982}.
   *
   * @return the "never" rule
   */
  public static Access never() {
    return NEVER;
  }

  /**
   * Satisfied when any one of the given key references has been verified in the same DF.
   *
   * @param credentialFids the key-reference FIDs (e.g. {@code 0x0011, 0x0014} for text AP EF 0001)
   * @return the rule
   * @throws IllegalArgumentException if no FID is given or a FID is outside {@code 0..FFFF}
   */
  public static Access anyOf(int... credentialFids) {
    if (credentialFids.length == 0) {
      throw new IllegalArgumentException("anyOf needs at least one credential FID; use never()");
    }
    int[] fids = credentialFids.clone();
    for (int fid : fids) {
      if (fid < 0 || fid > 0xFFFF) {
        throw new IllegalArgumentException(String.format("credential FID out of range: %X", fid));
      }
    }
    return new Access(Kind.ANY_OF, fids);
  }

  /**
   * Whether this is the {@link #always()} rule.
   *
   * @return true if no credential is needed
   */
  public boolean isAlways() {
    return kind == Kind.ALWAYS;
  }

  /**
   * Whether this is the {@link #never()} rule.
   *
   * @return true if no credential opens it
   */
  public boolean isNever() {
    return kind == Kind.NEVER;
  }

  /**
   * The key references of an {@link #anyOf(int...)} rule.
   *
   * @return a copy of the FIDs; empty for always/never
   */
  public int[] credentialFids() {
    return credentialFids.clone();
  }

  /** Allocation-free check used by the engine on every READ. */
  boolean requires(int fid) {
    for (int f : credentialFids) {
      if (f == fid) {
        return true;
      }
    }
    return false;
  }

  int credentialCount() {
    return credentialFids.length;
  }

  int credentialAt(int i) {
    return credentialFids[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Access other
        && other.kind == kind
        && Arrays.equals(other.credentialFids, credentialFids);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + Arrays.hashCode(credentialFids);
  }

  @Override
  public String toString() {
    switch (kind) {
      case ALWAYS:
        return "Access[always]";
      case NEVER:
        return "Access[never]";
      default:
        StringBuilder sb = new StringBuilder("Access[anyOf");
        for (int f : credentialFids) {
          sb.append(' ').append(String.format("%04X", f));
        }
        return sb.append(']').toString();
    }
  }
}
