// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads secrets only from a named environment variable or a no-echo console prompt (docs/cli.md):
 * never from a plain argument, so they stay out of shell history and {@code ps}.
 */
final class Secrets {
  private Secrets() {}

  /**
   * Reads a secret.
   *
   * @param main the root command (environment lookup)
   * @param envVar the variable named by {@code --pin-env} and friends, or null to prompt
   * @param option the option that names it, for messages
   * @param what what to ask for, e.g. {@code "user-authentication PIN (4 digits)"}
   * @return the secret; the caller wipes it
   * @throws CliException (exit 2) if the variable is unset or there is no console to prompt on
   */
  static char[] read(Main main, @Nullable String envVar, String option, String what) {
    if (envVar != null) {
      String v = main.env(envVar);
      if (v == null) {
        throw new CliException(ExitCode.USAGE, option + ": environment variable " + envVar + " is not set");
      }
      return v.toCharArray();
    }
    Console console = interactiveConsole();
    if (console == null) {
      throw new CliException(ExitCode.USAGE, "no console to ask for the " + what + "; pass " + option + " VAR");
    }
    char[] in = console.readPassword("%s: ", "Enter the " + what);
    if (in == null) {
      throw new CliException(ExitCode.USAGE, "no " + what + " entered");
    }
    return in;
  }

  /**
   * The console when stdin and stdout are a terminal, else null; the same answer on JDK 17 to 25.
   *
   * <p>From JDK 22 {@link System#console()} is never null (the JLine-based console stands in when nothing is
   * interactive), so the null check alone would prompt into a pipe and wait forever. {@code
   * Console.isTerminal()} (JDK 22+) tells the cases apart; it is called reflectively because the build
   * targets Java 17, where the null check is the answer.
   *
   * @return the interactive console, or null
   */
  static @Nullable Console interactiveConsole() {
    return interactive(System.console());
  }

  /**
   * Whether {@code console} is an interactive terminal (visible for tests).
   *
   * @param console what {@link System#console()} returned
   * @return {@code console} if interactive, else null
   */
  static @Nullable Console interactive(@Nullable Console console) {
    if (console == null) {
      return null;
    }
    Method isTerminal;
    try {
      isTerminal = Console.class.getMethod("isTerminal");
    } catch (NoSuchMethodException e) {
      return console; // JDK 17-21: a non-null console is a terminal
    }
    try {
      return Boolean.TRUE.equals(isTerminal.invoke(console)) ? console : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // cannot tell: do not prompt, ask for the environment variable instead
    }
  }

  /**
   * Wipes a secret.
   *
   * @param secret the array to zero
   */
  static void wipe(char[] secret) {
    Arrays.fill(secret, '\0');
  }
}
