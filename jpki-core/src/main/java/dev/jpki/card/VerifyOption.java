// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

/** Options of a credential check. */
public enum VerifyOption {
  /**
   * Send the credential even if the card has one try left; a wrong value then blocks it. Without this
   * option the SDK reads the counter first with the free empty VERIFY (docs/card-protocol.md §4.2; one extra APDU) and
   * refuses with {@link LastTryRefusedException}. With it, that query is skipped.
   */
  ALLOW_LAST_TRY
}
