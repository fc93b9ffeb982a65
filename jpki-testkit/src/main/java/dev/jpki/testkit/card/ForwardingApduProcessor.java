// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.card;

/**
 * An {@link ApduProcessor} that forwards every method to another one: the base for wrappers that change or
 * observe one thing (count commands, model a reader's limits, inject faults) and must pass the rest through.
 * Forwarding {@link #reset()}, {@link #atr()} and {@link #rsaOperationCount()} in one place means a wrapper
 * cannot forget one of them (the same reason as {@code dev.jpki.apdu.ForwardingTransport} on the host side).
 */
public abstract class ForwardingApduProcessor implements ApduProcessor {
  private final ApduProcessor delegate;

  /**
   * Wraps a processor.
   *
   * @param delegate the processor every call goes to unless overridden
   */
  protected ForwardingApduProcessor(ApduProcessor delegate) {
    this.delegate = delegate;
  }

  /**
   * Returns the wrapped processor.
   *
   * @return the processor calls are forwarded to
   */
  protected final ApduProcessor delegate() {
    return delegate;
  }

  @Override
  public byte[] process(byte[] command) {
    return delegate.process(command);
  }

  @Override
  public void reset() {
    delegate.reset();
  }

  @Override
  public byte[] atr() {
    return delegate.atr();
  }

  @Override
  public long rsaOperationCount() {
    return delegate.rsaOperationCount();
  }
}
