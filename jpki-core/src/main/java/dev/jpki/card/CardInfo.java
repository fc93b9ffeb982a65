// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * What {@link MyNumberCard#info()} found: the token type, the applications present and the state of
 * every credential, read without spending a try. Immutable; contains no personal data.
 */
public final class CardInfo {
  private final @Nullable TokenType token;
  private final List<Application> applications;
  private final List<PinStatus> pinStatuses;

  CardInfo(@Nullable TokenType token, List<Application> applications, List<PinStatus> pinStatuses) {
    this.token = token;
    this.applications = Collections.unmodifiableList(new ArrayList<>(applications));
    this.pinStatuses = Collections.unmodifiableList(new ArrayList<>(pinStatuses));
  }

  /**
   * The token type, {@link TokenType#UNKNOWN} if the JPKI AP is absent or the label unknown.
   *
   * @return the type
   */
  public TokenType tokenType() {
    return token == null ? TokenType.UNKNOWN : token;
  }

  /** @return the applications that answered SELECT, in {@link Application} order */
  public List<Application> applications() {
    return applications;
  }

  /**
   * Whether an application answered SELECT.
   *
   * @param app the application
   * @return true if present
   */
  public boolean has(Application app) {
    return applications.contains(app);
  }

  /** @return the state of every credential of every present application */
  public List<PinStatus> pinStatuses() {
    return pinStatuses;
  }

  /**
   * The state of one credential.
   *
   * @param app the application
   * @param type the credential
   * @return the status, empty if the application is absent or does not check that credential
   */
  public Optional<PinStatus> pinStatus(Application app, PinType type) {
    for (PinStatus s : pinStatuses) {
      if (s.application() == app && s.pinType() == type) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /**
   * Tries left of one credential.
   *
   * @param app the application
   * @param type the credential
   * @return the tries left, empty if unknown (absent, not reported)
   */
  public OptionalInt triesLeft(Application app, PinType type) {
    Optional<PinStatus> s = pinStatus(app, type);
    return s.isPresent() ? s.get().triesLeft() : OptionalInt.empty();
  }

  @Override
  public String toString() {
    return "CardInfo[token=" + tokenType() + ", applications=" + applications + ", pins=" + pinStatuses + "]";
  }
}
