package dev.jpki.verify.card;

import dev.jpki.verify.BadInputException;
import dev.jpki.verify.internal.DerCursor;
import java.security.interfaces.RSAPublicKey;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * The visual AP's card-face data, EF {@code 0002} (spec §7.2): date of birth, sex, card key, name and
 * address images, photo, issuer signature, expiry, security-code image. Verify it with {@link
 * CardDataVerifier#verifyCardFace} before trusting it; expiry and security-code image are not covered
 * by the signature.
 *
 * <p>Personal data: {@link #toString()} is masked.
 */
public final class CardFace {
  private final LocalDate dateOfBirth;
  private final int sexCode;
  private final RSAPublicKey cardKey;
  private final byte[] photo;
  private final LocalDate expiry;
  // raw TLV ranges of DF22..DF27 (start, end) and the DF28 value
  final int[] tlvStart = new int[6];
  final int[] tlvEnd = new int[6];
  final int signatureStart;
  final int signatureEnd;

  private CardFace(LocalDate dob, int sexCode, RSAPublicKey key, byte[] photo, LocalDate expiry, int sigStart,
      int sigEnd) {
    this.dateOfBirth = dob;
    this.sexCode = sexCode;
    this.cardKey = key;
    this.photo = photo;
    this.expiry = expiry;
    this.signatureStart = sigStart;
    this.signatureEnd = sigEnd;
  }

  /**
   * Parses EF 0002 of the visual AP (filler after the object is ignored).
   *
   * @param ef0002 the file content
   * @return the card face
   * @throws BadInputException if the layout differs from spec §7.2
   */
  public static CardFace parse(byte[] ef0002) throws BadInputException {
    DerCursor c = new DerCursor(ef0002, 0, "card face");
    c.expect(0xFF20, ef0002.length, "card face");
    int end = c.valueEnd;
    c.expect(0xDF21, end, "offset table");
    c.skip();
    int[] starts = new int[6];
    int[] ends = new int[6];
    int[] tags = {0xDF22, 0xDF23, 0xDF24, 0xDF25, 0xDF26, 0xDF27};
    String[] names = {"date of birth", "sex", "card key", "name image", "address image", "photo"};
    for (int i = 0; i < 6; i++) {
      c.expect(tags[i], end, names[i]);
      starts[i] = c.headerStart;
      ends[i] = c.valueEnd;
      c.skip();
    }
    c.expect(0xDF28, end, "signature");
    int sigStart = c.valueStart;
    int sigEnd = c.valueEnd;
    c.skip();
    c.expect(0xDF29, end, "expiry");
    LocalDate expiry = AgeRecord.gregorian(ef0002, c.valueStart, c.valueLength(), "card face expiry");
    c.pos = starts[0];
    c.header(end, "date of birth");
    LocalDate dob = AgeRecord.gregorian(ef0002, c.valueStart, c.valueLength(), "card face date of birth");
    c.pos = starts[1];
    c.header(end, "sex");
    if (c.valueLength() != 1 || ef0002[c.valueStart] < '0' || ef0002[c.valueStart] > '9') {
      throw c.bad("sex", c.headerStart, "expected one ASCII digit");
    }
    int sex = ef0002[c.valueStart] - '0';
    c.pos = starts[2];
    c.header(end, "card key");
    RSAPublicKey key = CardKeys.parseRsa(ef0002, c.valueStart, c.valueEnd, "card face card key");
    c.pos = starts[5];
    c.header(end, "photo");
    byte[] photo = Arrays.copyOfRange(ef0002, c.valueStart, c.valueEnd);
    CardFace f = new CardFace(dob, sex, key, photo, expiry, sigStart, sigEnd);
    System.arraycopy(starts, 0, f.tlvStart, 0, 6);
    System.arraycopy(ends, 0, f.tlvEnd, 0, 6);
    return f;
  }

  /**
   * Returns the date of birth (Gregorian, DF22).
   *
   * @return the date
   */
  public LocalDate dateOfBirth() {
    return dateOfBirth;
  }

  /**
   * Returns the sex digit as stored (DF23; coding as in the text AP, spec §6.3).
   *
   * @return the digit
   */
  public int sexCode() {
    return sexCode;
  }

  /**
   * Returns the card key (DF24) that signs liveness challenges.
   *
   * @return the RSA key
   */
  public RSAPublicKey cardKey() {
    return cardKey;
  }

  /**
   * Returns the photo (DF27, JPEG 2000).
   *
   * @return a copy of the image bytes
   */
  public byte[] photo() {
    return photo.clone();
  }

  /**
   * Returns the card's expiry date (DF29; not covered by the signature).
   *
   * @return the date
   */
  public LocalDate expiry() {
    return expiry;
  }

  @Override
  public String toString() {
    return "CardFace[<redacted>]";
  }
}
