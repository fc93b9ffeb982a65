package dev.jpki.card;

import dev.jpki.apdu.CardTransport;

/** Lets tests in other packages (JCA provider) use the package-private fake card and fixtures. */
public final class CardTestAccess {
  private final FakeCard fake;

  private CardTestAccess(FakeCard fake) {
    this.fake = fake;
  }

  /** @return a card like the default persona */
  public static CardTestAccess defaultCard() {
    return new CardTestAccess(Fixtures.defaultCard());
  }

  /** @return the default card with only {@code tries} tries left on the authentication PIN */
  public static CardTestAccess defaultCardWithAuthTries(int tries) {
    return new CardTestAccess(Fixtures.defaultCard().key(Application.JPKI, 0x0018, Fixtures.AUTH_PIN, 3, tries));
  }

  public CardTransport transport() {
    return fake;
  }

  public int count() {
    return fake.count();
  }

  public byte[] authCertDer() {
    return Fixtures.authCertDer();
  }

  public byte[] signCertDer() {
    return Fixtures.signCertDer();
  }
}
