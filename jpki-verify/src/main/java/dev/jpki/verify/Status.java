// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

/** The verdict of a verification. */
public enum Status {
  /** Every check ran and passed. */
  VALID,
  /** A check ran and failed: the object must not be accepted. */
  INVALID,
  /**
   * A check could not reach a verdict (e.g. revocation data unreachable, stale, or badly signed): the
   * object must not be accepted now, but may be later. Never treat as VALID.
   */
  INDETERMINATE
}
