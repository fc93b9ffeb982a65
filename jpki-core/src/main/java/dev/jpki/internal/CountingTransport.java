// SPDX-License-Identifier: Apache-2.0
package dev.jpki.internal;

import dev.jpki.apdu.CardTransport;
import dev.jpki.apdu.ForwardingTransport;
import dev.jpki.apdu.TransportException;

/**
 * A {@link CardTransport} decorator that counts exchanges and bytes, so flows can be measured in round
 * trips (the cost that dominates over NFC). A measuring aid for the project's own tests and benchmarks
 * (round-trip tables, docs/testing.md), not API: an application counts nothing it could act on.
 */
public final class CountingTransport extends ForwardingTransport {
  private int apdus;
  private long bytesSent;
  private long bytesReceived;

  /**
   * Wraps a transport.
   *
   * @param delegate the transport to count
   */
  public CountingTransport(CardTransport delegate) {
    super(delegate);
  }

  @Override
  public byte[] transceive(byte[] command) throws TransportException {
    apdus++;
    bytesSent += command.length;
    byte[] r = delegate().transceive(command);
    bytesReceived += r.length;
    return r;
  }

  /** @return commands sent since creation or the last {@link #reset()} */
  public int apduCount() {
    return apdus;
  }

  /** @return command bytes sent */
  public long bytesSent() {
    return bytesSent;
  }

  /** @return response bytes received, status words included */
  public long bytesReceived() {
    return bytesReceived;
  }

  /** Sets the counters to zero. */
  public void reset() {
    apdus = 0;
    bytesSent = 0;
    bytesReceived = 0;
  }
}
