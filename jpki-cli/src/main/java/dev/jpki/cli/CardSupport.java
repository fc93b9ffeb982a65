// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import dev.jpki.Jpki;
import dev.jpki.JpkiException;
import dev.jpki.card.Application;
import dev.jpki.card.PinType;
import dev.jpki.card.Sex;
import dev.jpki.card.VerifyOption;

/** What the card subcommands share: opening the card, option flags, names used in JSON. */
final class CardSupport {
  private CardSupport() {}

  /**
   * Opens the card the global options select and runs {@code work} in a session that always closes.
   *
   * @param main the root command
   * @param work the card work
   * @param <T> the result type
   * @return the result
   * @throws JpkiException a card or transport outcome (mapped to exit codes by {@link Main})
   */
  static <T> T withCard(Main main, Jpki.CardFunction<T> work) throws JpkiException {
    return Jpki.with(CardOpener.open(main), work);
  }

  /**
   * The verify options the global flags ask for.
   *
   * @param main the root command
   * @return {@code ALLOW_LAST_TRY} with {@code --allow-last-try}, else none
   */
  static VerifyOption[] verifyOptions(Main main) {
    return main.allowLastTry ? new VerifyOption[] {VerifyOption.ALLOW_LAST_TRY} : new VerifyOption[0];
  }

  /**
   * The JSON key of a credential's tries (docs/cli.md {@code info.tries}).
   *
   * @param app the application holding it
   * @param type the credential
   * @return e.g. {@code auth}, {@code sign}, {@code text}, {@code textB}, {@code visualA}, {@code dob}
   */
  static String triesKey(Application app, PinType type) {
    switch (type) {
      case AUTHENTICATION: return "auth";
      case SIGNATURE: return "sign";
      case TEXT: return "text";
      case DATE_OF_BIRTH: return "dob";
      case COMMON: return app == Application.JUKI ? "juki" : "common";
      case VERIFICATION_A: return (app == Application.VISUAL ? "visual" : "text") + "A";
      case VERIFICATION_B: return (app == Application.VISUAL ? "visual" : "text") + "B";
      default: return type.name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * The JSON name of an application.
   *
   * @param app the application
   * @return {@code jpki}, {@code text}, {@code visual}, {@code common} or {@code juki}
   */
  static String appName(Application app) {
    return app.name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The JSON value of a card sex code (docs/cli.md {@code read-text}).
   *
   * @param sex the value
   * @return {@code male}, {@code female} or {@code other}
   */
  static String sexName(Sex sex) {
    switch (sex) {
      case MALE: return "male";
      case FEMALE: return "female";
      default: return "other";
    }
  }
}
