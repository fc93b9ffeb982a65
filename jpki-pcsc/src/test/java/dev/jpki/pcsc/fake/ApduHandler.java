// SPDX-License-Identifier: Apache-2.0
package dev.jpki.pcsc.fake;

import javax.smartcardio.CardException;

/** The card behind a fake reader: command APDU in, response APDU out, or a PC/SC-style failure. */
@FunctionalInterface
public interface ApduHandler {
  byte[] process(byte[] command) throws CardException;
}
