package dev.jpki.cli;

import java.io.Console;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads secrets only from a named environment variable or a no-echo console prompt (cli-contract.md):
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
    Console console = System.console();
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
   * Wipes a secret.
   *
   * @param secret the array to zero
   */
  static void wipe(char[] secret) {
    Arrays.fill(secret, '\0');
  }
}
