package dev.jpki.testkit.card;

/**
 * A virtual My Number Card: a plain-Java, stateful APDU processor built from a {@link CardProfile}.
 */
public final class VirtualMyNumberCard implements ApduProcessor {
  private final CardProfile profile;

  private VirtualMyNumberCard(CardProfile profile) {
    this.profile = profile;
  }

  /**
   * Creates a card in its power-on state.
   *
   * @param profile the files, keys and credentials
   * @return a new card
   */
  public static VirtualMyNumberCard create(CardProfile profile) {
    return new VirtualMyNumberCard(profile);
  }

  @Override
  public byte[] process(byte[] command) {
    return new byte[] {0x6D, 0x00};
  }

  @Override
  public void reset() {}

  @Override
  public byte[] atr() {
    return profile.atr();
  }
}
