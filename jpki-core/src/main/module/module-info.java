// SPDX-License-Identifier: Apache-2.0
/**
 * The My Number Card and its applications over any {@link dev.jpki.apdu.CardTransport}: APDU model and
 * transport SPI, the card session, applets, credentials and card values, a JCA provider, and the fluent
 * entry point {@link dev.jpki.Jpki}. No BouncyCastle, no {@code javax.smartcardio}, no {@code android.*}.
 *
 * <p>The descriptor is compiled into {@code META-INF/versions/17} of a multi-release jar: module-path users
 * on Java 17+ get the boundary below, class-path and Android users see a plain jar.
 */
// "module": the qualified export names dev.jpki.verify, which depends on this module and so cannot be
// observable while this one compiles
@SuppressWarnings("module")
module dev.jpki.core {
  requires org.slf4j;
  // @NullMarked / @Nullable: compile-time only, they do not have to be present at run time
  requires static org.jspecify;

  exports dev.jpki;
  exports dev.jpki.apdu;
  exports dev.jpki.card;
  exports dev.jpki.card.flow;
  exports dev.jpki.card.jca;
  // core implementation shared with sibling modules; not API: the verification library (Hex, BerTlv, the
  // login message it rebuilds) and the CLI (checks a login's origin and challenge before the card sees them)
  exports dev.jpki.internal to dev.jpki.verify, dev.jpki.cli;
}
