// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card.flow;

import dev.jpki.JpkiException;

/**
 * Terminal authentication is not available: no implementation for a J-LIS-issued terminal certificate
 * is configured (the protocol is UNCONFIRMED; see {@link TerminalAuthentication}). Use the holder's PIN,
 * or the PIN-less card-key flow ({@link FaceToFaceCheck}) where the law allows it.
 */
public final class TerminalAuthenticationUnavailableException extends JpkiException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with the standard message. */
  public TerminalAuthenticationUnavailableException() {
    super("terminal authentication is not available: it needs a J-LIS-issued terminal certificate and an"
        + " implementation configured by a licensed verifier");
  }
}
