// SPDX-License-Identifier: Apache-2.0
package dev.jpki.apdu;

import dev.jpki.internal.StatusWord;
import dev.jpki.internal.Apdu;
import dev.jpki.internal.Hex;
import java.util.function.Consumer;

/**
 * A {@link CardTransport} decorator for diagnostics (e.g. the CLI's {@code --verbose}) that reports every
 * exchange as one redacted line, after the response arrived (or the exchange failed), e.g.
 * {@code ">> 00 20 00 80 Lc=4 data=<redacted> << len=0 SW=9000 (0.4 ms)"}.
 *
 * <p>Only SELECT data (AIDs and FIDs, which are public) is shown; every other command's data is redacted,
 * because VERIFY and CHANGE REFERENCE DATA carry PINs and signing commands carry the data to be signed
 * (docs/conventions.md §7). Response data is never shown, only its length and the status word.
 */
public final class TracingTransport extends ForwardingTransport {
  private static final int INS_SELECT = 0xA4;

  private final Consumer<String> trace;

  /**
   * Wraps a transport.
   *
   * @param delegate the transport to trace
   * @param trace receives one redacted line per exchange
   */
  public TracingTransport(CardTransport delegate, Consumer<String> trace) {
    super(delegate);
    this.trace = java.util.Objects.requireNonNull(trace, "trace");
  }

  @Override
  public byte[] transceive(byte[] command) throws TransportException {
    long t0 = System.nanoTime();
    String cmd = describeCommand(command);
    try {
      byte[] resp = delegate().transceive(command);
      String r = resp.length >= 2
          ? "len=" + (resp.length - 2) + " SW=" + StatusWord.toHex(((resp[resp.length - 2] & 0xFF) << 8) | (resp[resp.length - 1] & 0xFF))
          : "malformed (" + resp.length + " bytes)";
      trace.accept(">> " + cmd + " << " + r + " (" + millis(t0) + " ms)");
      return resp;
    } catch (TransportException e) {
      trace.accept(">> " + cmd + " << failed: " + e.reason() + " (" + millis(t0) + " ms)");
      throw e;
    }
  }

  private static String millis(long t0) {
    long micros = (System.nanoTime() - t0) / 1000;
    return (micros / 1000) + "." + (micros % 1000 / 100);
  }

  /**
   * Describes a command with its data redacted unless it is a SELECT.
   *
   * @param command encoded command bytes
   * @return e.g. {@code "00 A4 04 0C Lc=10 data=D392F000260100000001 Le=0"}
   */
  static String describeCommand(byte[] command) {
    if (command.length < 4) {
      return "malformed (" + command.length + " bytes)";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      sb.append(Hex.encode(command, i, 1)).append(i < 3 ? " " : "");
    }
    try {
      Apdu a = Apdu.parse(command);
      sb.append(" Lc=").append(a.dataLength());
      if (a.dataLength() > 0) {
        sb.append(" data=").append((command[1] & 0xFF) == INS_SELECT ? Hex.encode(a.data()) : "<redacted>");
      }
      sb.append(" Le=").append(a.ne());
    } catch (IllegalArgumentException e) {
      sb.append(" (").append(command.length).append(" bytes, unparsable)");
    }
    return sb.toString();
  }
}
