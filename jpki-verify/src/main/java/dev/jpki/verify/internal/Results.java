// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.internal;

import dev.jpki.verify.VerificationResult;
import java.time.Instant;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The access point through which jpki-verify's sub-packages (and the jpki CLI) start a
 * {@link VerificationResult}: the result's own builder factory is package-private so that code outside
 * this library cannot make a VALID result.
 */
public final class Results {
  private static volatile @Nullable Function<Instant, VerificationResult.Builder> factory;

  static {
    // Initialise VerificationResult first: its static initialiser installs the one factory, so a
    // later install() (from anyone) fails.
    try {
      Class.forName(VerificationResult.class.getName(), true, Results.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private Results() {}

  /**
   * Called once by {@link VerificationResult}'s static initialiser.
   *
   * @param builderFactory makes a builder for a verification time
   * @throws IllegalStateException if a factory is already installed
   */
  public static synchronized void install(Function<Instant, VerificationResult.Builder> builderFactory) {
    if (factory != null) {
      throw new IllegalStateException("the result factory is installed once, by VerificationResult");
    }
    factory = builderFactory;
  }

  /**
   * Starts a result.
   *
   * @param verificationTime the time the checks were made for
   * @return a new builder
   */
  public static VerificationResult.Builder builder(Instant verificationTime) {
    Function<Instant, VerificationResult.Builder> f = factory;
    if (f == null) {
      throw new IllegalStateException("VerificationResult did not initialise");
    }
    return f.apply(verificationTime);
  }
}
