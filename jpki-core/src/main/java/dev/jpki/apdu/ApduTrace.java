// SPDX-License-Identifier: Apache-2.0
package dev.jpki.apdu;

/**
 * An opt-in listener for diagnostics (e.g. the CLI's {@code --verbose}) that sees redacted views of the
 * APDUs a {@link TracingTransport} carries: command headers and lengths, the data of SELECT only, and
 * response lengths with status words. Response data and secret command data are never passed on.
 */
@FunctionalInterface
public interface ApduTrace {
  /**
   * Called once per exchange, after the response arrived (or the exchange failed).
   *
   * @param line a redacted one-line description, e.g.
   *     {@code ">> 00 20 00 80 Lc=4 data=<redacted> << len=0 SW=9000 (0.4 ms)"}
   */
  void onExchange(String line);
}
