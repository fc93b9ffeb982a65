// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card.jca;

import dev.jpki.card.Pin;
import dev.jpki.card.PinType;
import java.io.IOException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Arrays;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;

/** Turns a {@link KeyStore.ProtectionParameter} into a {@link Pin}, wiping every copy it makes. */
final class Credentials {
  private Credentials() {}

  /**
   * Gets the credential from a protection parameter. Sends nothing to the card.
   *
   * @throws UnrecoverableKeyException if no value was obtained or it breaks the format rule (the
   *     message names the rule, never the value)
   */
  static Pin obtain(PinType type, KeyStore.ProtectionParameter protection) throws UnrecoverableKeyException {
    if (protection instanceof KeyStore.PasswordProtection pp) {
      // getPassword() returns the parameter's own array: the caller owns and destroys it.
      char[] value = pp.getPassword();
      if (value == null) {
        throw new UnrecoverableKeyException("the PasswordProtection for the " + type.label() + " holds no value");
      }
      return of(type, value);
    }
    if (protection instanceof KeyStore.CallbackHandlerProtection chp) {
      PasswordCallback cb = new PasswordCallback(type.label() + " (" + type.formatRule() + "): ", false);
      char[] typed;
      try {
        chp.getCallbackHandler().handle(new Callback[] {cb});
        typed = cb.getPassword(); // a copy
      } catch (IOException | UnsupportedCallbackException e) {
        UnrecoverableKeyException u =
            new UnrecoverableKeyException("could not obtain the " + type.label() + " from the callback handler");
        u.initCause(e);
        throw u;
      } finally {
        cb.clearPassword();
      }
      if (typed == null) {
        throw new UnrecoverableKeyException("no " + type.label() + " was entered");
      }
      try {
        return of(type, typed);
      } finally {
        Arrays.fill(typed, '\0');
      }
    }
    throw new UnrecoverableKeyException("unsupported protection " + protection.getClass().getName());
  }

  static Pin of(PinType type, char[] value) throws UnrecoverableKeyException {
    try {
      return Pin.of(type, value);
    } catch (IllegalArgumentException e) {
      // The format rule only; a malformed credential never reaches the card.
      UnrecoverableKeyException u = new UnrecoverableKeyException(e.getMessage());
      u.initCause(e);
      throw u;
    }
  }
}
