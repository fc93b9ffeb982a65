// SPDX-License-Identifier: Apache-2.0
package dev.jpki.pcsc.fake;

import javax.smartcardio.CardException;

/** Builds failures shaped like SunPCSC's: a CardException caused by an exception named by the PC/SC code. */
public final class Pcsc {
  private Pcsc() {}

  /** Mirrors {@code sun.security.smartcardio.PCSCException}, whose message is the PC/SC error name. */
  public static final class FakePcscException extends Exception {
    private static final long serialVersionUID = 1L;

    public FakePcscException(String code) {
      super(code);
    }
  }

  public static CardException failure(String operation, String pcscCode) {
    return new CardException(operation, new FakePcscException(pcscCode));
  }
}
