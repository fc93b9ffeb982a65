// SPDX-License-Identifier: Apache-2.0
/** {@code TestVerification}: jpki-verify configured for what the virtual card produces (tests and trials). */
module dev.jpki.testkit.verify {
  requires transitive dev.jpki.testkit;
  requires transitive dev.jpki.verify;
  requires static org.jspecify;

  exports dev.jpki.testkit.verify;
}
