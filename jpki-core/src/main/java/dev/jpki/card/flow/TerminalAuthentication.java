// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card.flow;

import dev.jpki.JpkiException;
import dev.jpki.card.MyNumberCard;

/**
 * Terminal authentication of licensed verifiers (特定利用者証明検証者) as a service provider interface:
 * a terminal proves itself to the card with a J-LIS-issued card-verifiable certificate so the
 * authentication key can be used without the holder's PIN (e.g. face-recognition readers at clinics;
 * docs/card-protocol.md §10).
 *
 * <p>UNCONFIRMED: the command parameters ({@code 80 A2}, JPKI EF 0016), the CVC chain root and the
 * challenge protocol are not public and cannot be reproduced without a J-LIS terminal certificate. So
 * the only implementation here is {@link #notConfigured()}, which answers "not available"; a licensed
 * verifier plugs in its own implementation.
 */
public interface TerminalAuthentication {
  /**
   * Tells whether terminal authentication can be performed.
   *
   * @return false for {@link #notConfigured()}
   */
  boolean isAvailable();

  /**
   * Authenticates the terminal to the card so the authentication key can sign without a PIN.
   *
   * @param card an open card session
   * @throws TerminalAuthenticationUnavailableException if not available
   * @throws JpkiException if the card refuses or the transport fails
   */
  void authenticate(MyNumberCard card) throws JpkiException;

  /**
   * The default: not available until a licensed verifier configures an implementation.
   *
   * @return an implementation whose {@link #authenticate} always throws {@link
   *     TerminalAuthenticationUnavailableException}
   */
  static TerminalAuthentication notConfigured() {
    return new TerminalAuthentication() {
      @Override
      public boolean isAvailable() {
        return false;
      }

      @Override
      public void authenticate(MyNumberCard card) throws TerminalAuthenticationUnavailableException {
        throw new TerminalAuthenticationUnavailableException();
      }

      @Override
      public String toString() {
        return "TerminalAuthentication[not configured]";
      }
    };
  }
}
