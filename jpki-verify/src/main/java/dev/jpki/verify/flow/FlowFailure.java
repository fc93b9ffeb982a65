// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import java.util.Objects;

/**
 * One reason a flow failed, with a message for people. Messages never contain personal data. Immutable.
 */
public final class FlowFailure {
  private final FlowReason reason;
  private final String message;

  FlowFailure(FlowReason reason, String message) {
    this.reason = Objects.requireNonNull(reason, "reason");
    this.message = Objects.requireNonNull(message, "message");
  }

  /**
   * Returns the machine-readable reason.
   *
   * @return the reason
   */
  public FlowReason reason() {
    return reason;
  }

  /**
   * Returns the explanation.
   *
   * @return the message
   */
  public String message() {
    return message;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FlowFailure && reason == ((FlowFailure) o).reason && message.equals(((FlowFailure) o).message);
  }

  @Override
  public int hashCode() {
    return reason.hashCode() * 31 + message.hashCode();
  }

  @Override
  public String toString() {
    return reason + ": " + message;
  }
}
