// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.transport;

import dev.jpki.apdu.CardTransport;
import dev.jpki.apdu.TransportCapabilities;
import dev.jpki.apdu.TransportException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CardTransport} that plays back expected command/response pairs in order (after apdu4j's
 * {@code MockBIBO}, docs/conventions.md §8).
 *
 * <pre>{@code
 * ScriptedTransport t = ScriptedTransport.create()
 *     .expect("00A4040C0AD392F000260100000001", "9000")
 *     .expect("00A4020C020018", "9000")
 *     .expect("00208000", "63C3");
 * ... code under test ...
 * t.assertAllConsumed();
 * }</pre>
 *
 * <p>The first command that differs from the next expectation (or comes after the script ended)
 * fails with an {@link AssertionError}; later calls and {@link #assertAllConsumed()} fail with the
 * same error, so a caller that swallows it cannot hide it. Failure messages show commands in hex,
 * but the data of VERIFY, CHANGE REFERENCE DATA, CHANGE KEY, COMPUTE DIGITAL SIGNATURE, INTERNAL
 * AUTHENTICATE and SET SESSION KEY is redacted.
 *
 * <p>Not thread-safe.
 */
public final class ScriptedTransport implements CardTransport {

  private static final class Step {
    final byte[] command;
    final byte @Nullable [] response;
    final TransportException.@Nullable Reason failure;

    Step(byte[] command, byte @Nullable [] response, TransportException.@Nullable Reason failure) {
      this.command = command;
      this.response = response;
      this.failure = failure;
    }
  }

  private final TransportCapabilities capabilities;
  private final List<Step> steps = new ArrayList<>();
  private int next;
  private @Nullable AssertionError failed;
  private boolean closed;

  private ScriptedTransport(TransportCapabilities capabilities) {
    this.capabilities = capabilities;
  }

  /**
   * An empty script on a transport that claims extended length (65544 / 65538 bytes).
   *
   * @return the transport
   */
  public static ScriptedTransport create() {
    return new ScriptedTransport(TransportCapabilities.extended(
        VirtualCardTransport.EXTENDED_MAX_COMMAND, VirtualCardTransport.EXTENDED_MAX_RESPONSE));
  }

  /**
   * An empty script on a transport with the given capabilities.
   *
   * @param capabilities what {@link #capabilities()} reports
   * @return the transport
   */
  public static ScriptedTransport create(TransportCapabilities capabilities) {
    return new ScriptedTransport(capabilities);
  }

  /**
   * Expects {@code command} next and answers it with {@code response}.
   *
   * @param commandHex the exact command, hex (spaces and colons ignored)
   * @param responseHex the response including SW1 SW2, hex
   * @return this transport
   * @throws IllegalArgumentException if the hex is malformed or the response is shorter than 2 bytes
   */
  public ScriptedTransport expect(String commandHex, String responseHex) {
    return expect(Apdus.parseHex(commandHex), Apdus.parseHex(responseHex));
  }

  /**
   * Expects {@code command} next and answers it with {@code response}.
   *
   * @param command the exact command; copied
   * @param response the response including SW1 SW2; copied
   * @return this transport
   * @throws IllegalArgumentException if the response is shorter than 2 bytes
   */
  public ScriptedTransport expect(byte[] command, byte[] response) {
    if (response.length < 2) {
      throw new IllegalArgumentException("a response needs at least SW1 SW2, got "
          + response.length + " bytes");
    }
    steps.add(new Step(command.clone(), response.clone(), null));
    return this;
  }

  /**
   * Expects {@code command} next and fails it with a {@link TransportException}.
   *
   * @param commandHex the exact command, hex
   * @param reason the failure reason (e.g. {@code CARD_REMOVED})
   * @return this transport
   */
  public ScriptedTransport expectFailure(String commandHex, TransportException.Reason reason) {
    steps.add(new Step(Apdus.parseHex(commandHex), null, reason));
    return this;
  }

  @Override
  public byte[] transceive(byte[] command) throws TransportException {
    AssertionError f = failed;
    if (f != null) {
      throw f;
    }
    if (closed) {
      throw new TransportException(TransportException.Reason.CLOSED, "transport is closed");
    }
    int index = next;
    if (index >= steps.size()) {
      throw fail("unexpected APDU #" + (index + 1) + " after the end of the script ("
          + steps.size() + " expected): " + Apdus.describe(command));
    }
    Step step = steps.get(index);
    if (!Arrays.equals(step.command, command)) {
      String detail = Apdus.isSensitive(command) && Apdus.isSensitive(step.command)
              && Arrays.equals(step.command, 0, Math.min(4, step.command.length), command, 0,
                  Math.min(4, command.length))
          ? " (same header, data differs; data redacted)"
          : "";
      throw fail("APDU #" + (index + 1) + " differs from the script: expected "
          + Apdus.describe(step.command) + " but got " + Apdus.describe(command) + detail);
    }
    next++;
    TransportException.Reason reason = step.failure;
    if (reason != null) {
      throw new TransportException(reason, "scripted failure at APDU #" + (index + 1));
    }
    byte[] r = step.response;
    return r == null ? new byte[] {0x6F, 0x00} : r.clone();
  }

  private AssertionError fail(String message) {
    AssertionError e = new AssertionError(message);
    failed = e;
    return e;
  }

  /**
   * Asserts that every expected command was sent and nothing unexpected was.
   *
   * @throws AssertionError naming the first unconsumed command (redacted), or the earlier failure
   */
  public void assertAllConsumed() {
    AssertionError f = failed;
    if (f != null) {
      throw f;
    }
    if (next < steps.size()) {
      throw new AssertionError((steps.size() - next) + " of " + steps.size()
          + " scripted APDUs not sent; next expected #" + (next + 1) + ": "
          + Apdus.describe(steps.get(next).command));
    }
  }

  /**
   * How many scripted commands have been consumed.
   *
   * @return the count
   */
  public int consumed() {
    return next;
  }

  @Override
  public TransportCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "ScriptedTransport[" + next + "/" + steps.size() + " consumed]";
  }
}
