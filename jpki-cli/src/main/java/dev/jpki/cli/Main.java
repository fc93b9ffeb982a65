// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import dev.jpki.JpkiException;
import dev.jpki.apdu.TransportException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code jpki} command: global options (docs/cli.md) and the subcommands.
 *
 * <p>Errors go to stderr as one line, with the exit codes of {@link ExitCode}; a stack trace only with
 * {@code --verbose}.
 */
@Command(
    name = "jpki",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    sortOptions = false,
    description = "Read, sign with and verify the Japanese My Number Card (JPKI).",
    subcommands = {
      VersionCommand.class,
      DoctorCommand.class,
      VirtualCardCommand.class,
      TestkitCommand.class,
      InfoCommand.class,
      PinStatusCommand.class,
      CertsCommand.class,
      ReadTextCommand.class,
      ReadFaceCommand.class,
      SignCommand.class,
      DemoCommand.class,
      VerifyCommand.class,
      VerifyCertCommand.class,
      TrustCommand.class,
      AgeCommand.class,
      FaceCheckCommand.class,
      ValidityCommand.class,
      LoginDemoCommand.class,
      LoginCommand.class,
    })
public final class Main implements Runnable {

  // The persona only as --virtual=NAME: a bare --virtual is rewritten to --virtual=default before parsing
  // (see withAttachedPersona), so the word after it is always the subcommand or the next option, never a
  // persona name, even when it is mistyped ("--virtual inof" asks "did you mean info?").
  @Option(names = "--virtual", arity = "1", paramLabel = "PERSONA", scope = ScopeType.INHERIT,
      description = "Use an in-process virtual card: --virtual (persona 'default') or --virtual=PERSONA.")
  @Nullable String virtual;

  @Option(names = "--reader", paramLabel = "NAME|INDEX", scope = ScopeType.INHERIT,
      description = "Use this PC/SC reader (default: the first reader with a card).")
  @Nullable String reader;

  @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print one JSON document on stdout.")
  boolean json;

  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "Redacted APDU trace and stack traces on stderr.")
  boolean verbose;

  @Option(names = "--pin-env", paramLabel = "VAR", scope = ScopeType.INHERIT,
      description = "Read the PIN from this environment variable (else a no-echo prompt).")
  @Nullable String pinEnv;

  @Option(names = "--password-env", paramLabel = "VAR", scope = ScopeType.INHERIT,
      description = "Read the signature password from this environment variable (else a no-echo prompt).")
  @Nullable String passwordEnv;

  @Option(names = "--pin-b-env", paramLabel = "VAR", scope = ScopeType.INHERIT,
      description = "Read the 14-digit verification code B (照合番号B) from this environment variable.")
  @Nullable String pinBEnv;

  @Option(names = "--allow-last-try", scope = ScopeType.INHERIT,
      description = "Allow a PIN verification that would block the PIN if wrong.")
  boolean allowLastTry;

  private Function<String, @Nullable String> env = System::getenv;
  private PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
  private PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this), "missing subcommand; try 'jpki --help'");
  }

  /** @return the output for results, honouring {@code --json} */
  Output output() {
    return new Output(out, json);
  }

  /**
   * Looks up an environment variable (replaceable for tests and embedding).
   *
   * @param name the variable
   * @return its value, or null if unset
   */
  @Nullable String env(String name) {
    return env.apply(name);
  }

  /** @return the error stream */
  PrintWriter err() {
    return err;
  }

  /**
   * The root command of a running subcommand.
   *
   * @param spec the subcommand's spec
   * @return the root {@link Main}
   */
  static Main root(CommandSpec spec) {
    return (Main) spec.root().userObject();
  }

  /**
   * Entry point.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    System.exit(run(args,
        new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
  }

  /**
   * Runs the command with the given streams (for tests and embedding).
   *
   * @param args command-line arguments
   * @param out standard output
   * @param err standard error
   * @return the exit code
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, System::getenv);
  }

  /**
   * Runs the command with the given streams and environment (for tests and embedding).
   *
   * @param args command-line arguments
   * @param out standard output
   * @param err standard error
   * @param env environment lookup for {@code --pin-env} and friends
   * @return the exit code
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Function<String, @Nullable String> env) {
    Main main = new Main();
    main.env = env;
    main.out = out;
    main.err = err;
    CommandLine cl = new CommandLine(main);
    cl.setOut(out);
    cl.setErr(err);
    cl.setExitCodeExceptionMapper(Main::exitCodeOf);
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      int code = exitCodeOf(ex);
      TransportException.Reason interrupted = code == ExitCode.CARD_INTERRUPTED ? CardErrors.interruption(ex) : null;
      if (interrupted != null) {
        // What happened and what to do first; the transport's own words after it.
        err.println("jpki: " + CardErrors.interruptionMessage(interrupted));
      }
      err.println("jpki: " + messageOf(ex));
      if (code == ExitCode.CARD && !(ex instanceof CliException)) {
        // CliExceptions with exit 4 carry their own next step; the card and reader errors get this one.
        err.println("jpki: " + CARD_NEXT_STEP);
      }
      if (main.verbose) {
        ex.printStackTrace(err);
      }
      err.flush();
      return code;
    });
    cl.setParameterExceptionHandler((ex, args1) -> {
      err.println("jpki: " + ex.getMessage());
      String suggestion = suggestion(ex);
      if (suggestion != null) {
        err.println("jpki: " + suggestion);
      }
      err.flush();
      return ExitCode.USAGE;
    });
    int code = cl.execute(withAttachedPersona(args));
    out.flush();
    err.flush();
    return code;
  }

  /** What to do after a card or reader error (exit 4). */
  static final String CARD_NEXT_STEP = "next: 'jpki doctor' checks the PC/SC service, the readers and the card;"
      + " 'jpki --virtual COMMAND' runs the command on a virtual card without a reader";

  /**
   * Rewrites a bare {@code --virtual} to {@code --virtual=default}, so that the persona is only ever given
   * attached ({@code --virtual=NAME}) and the next word keeps its meaning. Arguments after {@code --} are
   * left alone.
   *
   * @param args the command line
   * @return the command line to parse
   */
  static String[] withAttachedPersona(String[] args) {
    String[] out = args.clone();
    for (int i = 0; i < out.length; i++) {
      if ("--".equals(out[i])) {
        break;
      }
      if ("--virtual".equals(out[i])) {
        out[i] = "--virtual=default";
      }
    }
    return out;
  }

  /** "did you mean sign?" for a mistyped subcommand or option, or null when picocli has no candidate. */
  private static @Nullable String suggestion(CommandLine.ParameterException ex) {
    if (!(ex instanceof CommandLine.UnmatchedArgumentException)) {
      return null;
    }
    List<String> suggestions = ((CommandLine.UnmatchedArgumentException) ex).getSuggestions();
    if (suggestions.isEmpty()) {
      return "see 'jpki --help' for the commands and options";
    }
    // picocli orders the candidates by similarity: the first is the one meant
    return "did you mean " + suggestions.get(0) + "? (see 'jpki --help')";
  }

  private static String messageOf(Throwable ex) {
    String m = ex.getMessage();
    return m == null || m.isEmpty() ? ex.getClass().getSimpleName() : m;
  }

  /**
   * Maps an exception to the exit code of docs/cli.md.
   *
   * @param ex the failure
   * @return the exit code
   */
  static int exitCodeOf(Throwable ex) {
    if (ex instanceof CliException) {
      int code = ((CliException) ex).exitCode();
      // A command that wrapped a card failure as exit 4 (e.g. CMS signing): a reset or removal under it
      // is still exit 7.
      return code == ExitCode.CARD && CardErrors.interruption(ex) != null ? ExitCode.CARD_INTERRUPTED : code;
    }
    Integer pin = CardErrors.pinExitCode(ex);
    if (pin != null) {
      return pin;
    }
    if (CardErrors.interruption(ex) != null) {
      return ExitCode.CARD_INTERRUPTED;
    }
    if (ex instanceof TransportException || ex instanceof JpkiException) {
      return ExitCode.CARD;
    }
    if (ex instanceof IllegalArgumentException || ex instanceof CommandLine.ParameterException) {
      return ExitCode.USAGE;
    }
    return ExitCode.USAGE;
  }
}
