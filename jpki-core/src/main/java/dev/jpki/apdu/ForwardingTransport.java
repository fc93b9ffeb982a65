// SPDX-License-Identifier: Apache-2.0
package dev.jpki.apdu;

import java.util.Objects;

/**
 * Base class for {@link CardTransport} decorators (counting, tracing, recording, reader models): every
 * method forwards to the wrapped transport, so a decorator overrides only what it changes and cannot
 * forget a method the interface gains later (such as exclusive access, which a forgotten forward would
 * silently turn into a no-op).
 *
 * <p>Thread confinement is the wrapped transport's: confine the decorator to the same one thread.
 */
public abstract class ForwardingTransport implements CardTransport {
  private final CardTransport delegate;

  /**
   * Wraps a transport.
   *
   * @param delegate the transport every call is forwarded to
   */
  protected ForwardingTransport(CardTransport delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /**
   * The wrapped transport.
   *
   * @return the transport this one forwards to
   */
  protected final CardTransport delegate() {
    return delegate;
  }

  /** Forwards to the wrapped transport. */
  @Override
  public byte[] transceive(byte[] command) throws TransportException {
    return delegate.transceive(command);
  }

  /** Forwards to the wrapped transport. */
  @Override
  public TransportCapabilities capabilities() {
    return delegate.capabilities();
  }

  /** Forwards to the wrapped transport. */
  @Override
  public void beginExclusive() throws TransportException {
    delegate.beginExclusive();
  }

  /** Forwards to the wrapped transport. */
  @Override
  public void endExclusive() {
    delegate.endExclusive();
  }

  /** Forwards to the wrapped transport. */
  @Override
  public void close() {
    delegate.close();
  }
}
