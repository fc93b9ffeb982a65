// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import dev.jpki.JpkiException;

/**
 * What the applets share: the session they are bound to, the application they select, and the credential
 * operations (status, verify, change) under the PIN safety contract, implemented once here on top of the
 * session's machinery. The public applets ({@link JpkiApplet}, {@link TextApplet}, {@link VisualApplet},
 * {@link CommonApplet}) therefore offer the same shapes: {@code pinStatus(PinType)},
 * {@code verify(Pin, VerifyOption...)}, {@code isVerified(PinType)} and, where the card lets a holder change
 * the credential, {@code changePin(Pin, Pin, VerifyOption...)}: same names, parameter order, exceptions and
 * {@link VerifyOption} handling.
 *
 * <p>Package-private on purpose: the public methods are declared on each applet (with the credentials
 * that applet takes in their documentation), so this class is not part of the API. A credential of
 * another application is refused with an {@link IllegalArgumentException} before any APDU.
 */
abstract class Applet {
  final MyNumberCard session;
  final Application application;

  Applet(MyNumberCard session, Application application) {
    this.session = session;
    this.application = application;
  }

  /** The empty VERIFY of the credential's key reference: spends no try (docs/card-protocol.md §4.2). */
  final PinStatus statusOf(PinType type) throws JpkiException {
    return session.pinStatus(application, type);
  }

  /** One VERIFY with data, never retried; the last try protected unless the option says otherwise. */
  final void verifyIn(Pin pin, VerifyOption... options) throws JpkiException {
    session.verify(application, pin, options);
  }

  /** What this session saw; no APDU. */
  final boolean verifiedIn(PinType type) {
    return session.isVerified(application, type);
  }

  /** VERIFY of {@code current} then CHANGE REFERENCE DATA, under one exclusive hold. */
  final void changeIn(Pin current, Pin replacement, VerifyOption... options) throws JpkiException {
    session.changeReferenceData(application, current, replacement, options);
  }
}
