// SPDX-License-Identifier: Apache-2.0
package dev.jpki.examples;

import dev.jpki.JpkiException;
import dev.jpki.apdu.CardTransport;
import dev.jpki.card.PinException;
import dev.jpki.pcsc.PcscReaders;
import dev.jpki.pcsc.PcscTransport;
import dev.jpki.testkit.Personas;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;

/**
 * What every example's {@code main} shares, so that the examples themselves show only the SDK: choosing
 * the card, reading a secret, and turning a failure into one line and an exit code instead of a stack trace.
 */
public final class ExampleMain {
  private ExampleMain() {}

  /** An example's body. */
  @FunctionalInterface
  public interface Body {
    /**
     * Runs it.
     *
     * @throws Exception any failure; {@link #run} reports it
     */
    void run() throws Exception;
  }

  /**
   * The card to use: the virtual card (persona {@code default}) with {@code --virtual} as the first
   * argument, else the first PC/SC reader with a card.
   *
   * @param args the example's arguments
   * @return a connected transport
   * @throws JpkiException if no reader or card is found
   */
  public static CardTransport card(String[] args) throws JpkiException {
    return args.length > 0 && "--virtual".equals(args[0]) ? Personas.get("default").newCard().transport()
        : PcscTransport.connect(PcscReaders.system().firstWithCard());
  }

  /**
   * A secret from an environment variable (never a program argument: those show in the process list; the
   * {@code jpki} command also prompts without echo).
   *
   * @param variable the environment variable
   * @return the secret
   * @throws IllegalArgumentException if the variable is not set
   */
  public static char[] secret(String variable) {
    String value = System.getenv(variable);
    if (value == null) {
      throw new IllegalArgumentException("set the environment variable " + variable);
    }
    return value.toCharArray();
  }

  /**
   * Runs an example's body and exits: 0 on success; 5 wrong or blocked PIN; 4 card or reader; 2 bad input
   * (a missing or unusable file, a bad argument); 1 anything else. The message names the problem, never a
   * secret, and no stack trace is printed.
   *
   * @param name the example's name, for the message
   * @param body the example
   */
  public static void run(String name, Body body) {
    System.exit(exitCode(name, body, System.err));
  }

  /**
   * Like {@link #run} without exiting, for tests.
   *
   * @param name the example's name
   * @param body the example
   * @param err where the message goes
   * @return the exit code
   */
  public static int exitCode(String name, Body body, PrintStream err) {
    try {
      body.run();
      return 0;
    } catch (Exception e) {
      Throwable cause = e; // the card's own exception if there is one (JCA and PDFBox wrap it), else e
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof JpkiException) {
          cause = c;
          break;
        }
      }
      int code = cause instanceof PinException ? 5 : cause instanceof JpkiException ? 4
          : cause instanceof IOException || cause instanceof IllegalArgumentException ? 2 : 1;
      String message = cause instanceof NoSuchFileException ? "no such file: " + cause.getMessage()
          : cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
      err.println(name + ": " + message);
      return code;
    }
  }
}
