// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

import dev.jpki.card.Sex;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * The files of the visual AP (券面事項確認AP, docs/card-protocol.md §7), byte-exact, signed with the test PKI's visual-AP
 * issuer key (certified by the {@code 6000023/001} CVC). Immutable; build with {@link
 * #builder(TestPki)}.
 *
 * <ul>
 *   <li>EF 0001 age record (547 bytes): {@code FF 10 82 02 1E { DF11 08 YYYYMMDD; DF12 82 01 09 card
 *       key; DF13 82 01 00 sig(DF11 || DF12 TLVs) }} (docs/card-protocol.md §7.4)
 *   <li>EF 0002 card face: {@code FF 20 82 HH LL { DF21 12 <9 file offsets>; DF22 08 DOB; DF23 01 sex;
 *       DF24 82 01 09 card key; DF25 name PNG; DF26 address PNG; DF27 JP2 photo; DF28 82 01 00
 *       signature; DF29 08 expiry; DF2A security-code PNG }} then {@code FF} filler to a multiple of
 *       256 (docs/card-protocol.md §7.2). DF28 signs {@code DigestInfo(SHA-256, H(DF22||DF23||DF24) || H(DF25||DF26) ||
 *       H(DF27))} (docs/card-protocol.md §7.3); DF29 and DF2A are not covered.
 *   <li>EF 0003 basic info: {@code FF 30 82 01 3B { DF31 04 06 03 0E 01; DF32 10 key id 6000024/001;
 *       DF33 01 01; DF34 05 municipality code; DF35 82 01 10 <key id + 256 opaque bytes> }} (docs/card-protocol.md §7.5)
 *   <li>EF 0004: the visual AP CVC (568 bytes, docs/card-protocol.md §6.5)
 *   <li>EF 0005: {@code FF 40 82 HH LL { DF41 My Number PNG (72x12); DF42 82 01 09 card key; DF43 82 01
 *       00 sig(DF41 || DF42 TLVs) }} (docs/card-protocol.md §7.4)
 * </ul>
 *
 * <p>Security: holds personal data; {@link #toString()} shows none.
 */
public final class VisualApData {
  private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

  private final byte[] ageRecordFile;
  private final byte[] cardFaceFile;
  private final byte[] basicInfoFile;
  private final byte[] certificateFile;
  private final byte[] myNumberImageFile;

  private VisualApData(Builder b) {
    LocalDate dob = require(b.birthDate, "birthDate");
    Sex sex = require(b.sex, "sex");
    RSAPublicKey cardKey = require(b.cardKey, "cardKey");
    String name = require(b.name, "name");
    String address = require(b.address, "address");
    LocalDate expiry = require(b.expiry, "expiry");
    String securityCode = require(b.securityCode, "securityCode");
    String myNumber = require(b.myNumber, "myNumber");
    String municipalityCode = b.municipalityCode;
    TestPki.CardDataKeys keys = b.pki.cardDataKeys();
    byte[] key = Tlv.long82(0xDF24, CardKeys.encodePublicKey(cardKey));
    byte[] keyBody = CardKeys.encodePublicKey(cardKey);

    // EF 0001: the signature covers every TLV before DF13 (docs/card-protocol.md §7.3 last bullet).
    byte[] df11 = Tlv.of(0xDF11, dob.format(YYYYMMDD).getBytes(StandardCharsets.US_ASCII));
    byte[] df12 = Tlv.long82(0xDF12, keyBody);
    byte[] df13 =
        Tlv.long82(0xDF13, CardKeys.sha256WithRsa(Tlv.concat(df11, df12), keys.visualIssuer.privateKey()));
    this.ageRecordFile = Tlv.long82(0xFF10, Tlv.concat(df11, df12, df13));

    // EF 0002: three groups hashed separately, one DigestInfo over the 96 bytes (docs/card-protocol.md §7.3 step 3).
    byte[] df22 = Tlv.of(0xDF22, dob.format(YYYYMMDD).getBytes(StandardCharsets.US_ASCII));
    byte[] df23 = Tlv.of(0xDF23, new byte[] {(byte) sex.code()});
    byte[] df24 = key;
    byte[] df25 = Tlv.of(0xDF25, CardImages.textPng(name));
    byte[] df26 = Tlv.of(0xDF26, CardImages.textPng(address));
    byte[] df27 = Tlv.of(0xDF27, b.photo != null ? b.photo.clone() : CardImages.fakeJp2(b.seedLabel));
    byte[] digests =
        Tlv.concat(
            CardKeys.sha256(df22, df23, df24), CardKeys.sha256(df25, df26), CardKeys.sha256(df27));
    byte[] df28 =
        Tlv.long82(
            0xDF28,
            CardKeys.signDigestInfo(CardKeys.sha256DigestInfo(digests), keys.visualIssuer.privateKey()));
    byte[] df29 = Tlv.of(0xDF29, expiry.format(YYYYMMDD).getBytes(StandardCharsets.US_ASCII));
    byte[] df2a = Tlv.of(0xDF2A, CardImages.textPng(securityCode));
    byte[][] objects = {df22, df23, df24, df25, df26, df27, df28, df29, df2a};
    int contentLength = 2 + 1 + 18;
    for (byte[] o : objects) {
      contentLength += o.length;
    }
    byte[] table = new byte[18];
    int offset = 5 + 21; // FF 20 82 HH LL, then DF21 12 <18 bytes>
    for (int i = 0; i < objects.length; i++) {
      table[2 * i] = (byte) (offset >> 8);
      table[2 * i + 1] = (byte) offset;
      offset += objects[i].length;
    }
    byte[] df21 = Tlv.of(0xDF21, table);
    byte[] content = Tlv.concat(df21, Tlv.concat(objects));
    if (content.length != contentLength) {
      throw new IllegalStateException("card-face length mismatch");
    }
    this.cardFaceFile = TextApData.pad(Tlv.long82(0xFF20, content), 256);

    byte[] opaque = new byte[256];
    for (int i = 0; i < 8; i++) {
      byte[] h =
          CardKeys.sha256(("visual-ap-df35:" + b.seedLabel + ":" + i).getBytes(StandardCharsets.UTF_8));
      System.arraycopy(h, 0, opaque, 32 * i, 32);
    }
    this.basicInfoFile =
        Tlv.long82(
            0xFF30,
            Tlv.concat(
                Tlv.of(0xDF31, new byte[] {0x06, 0x03, 0x0E, 0x01}),
                Tlv.of(0xDF32, CvcKeyId.of("6000024", "001").bytes()),
                Tlv.of(0xDF33, new byte[] {0x01}),
                Tlv.of(0xDF34, municipalityCode.getBytes(StandardCharsets.US_ASCII)),
                Tlv.of(0xDF35, Tlv.concat(CvcKeyId.of("6000024", "001").bytes(), opaque))));
    this.certificateFile = keys.visualCvc.clone();

    byte[] df41 = Tlv.of(0xDF41, CardImages.textPng(myNumber));
    byte[] df42 = Tlv.long82(0xDF42, keyBody);
    byte[] df43 =
        Tlv.long82(0xDF43, CardKeys.sha256WithRsa(Tlv.concat(df41, df42), keys.visualIssuer.privateKey()));
    this.myNumberImageFile = Tlv.long82(0xFF40, Tlv.concat(df41, df42, df43));
  }

  /**
   * Starts the files for a holder.
   *
   * @param pki the PKI whose visual-AP issuer key signs
   * @return a new builder
   */
  public static Builder builder(TestPki pki) {
    return new Builder(pki);
  }

  private static <T> T require(@Nullable T v, String field) {
    if (v == null) {
      throw new IllegalStateException("visual AP data: " + field + " not set");
    }
    return v;
  }

  /**
   * EF 0001 age record, 547 bytes.
   *
   * @return a copy
   */
  public byte[] ageRecordFile() {
    return ageRecordFile.clone();
  }

  /**
   * EF 0002 card face, physical content (TLV + filler).
   *
   * @return a copy
   */
  public byte[] cardFaceFile() {
    return cardFaceFile.clone();
  }

  /**
   * EF 0003 basic info.
   *
   * @return a copy
   */
  public byte[] basicInfoFile() {
    return basicInfoFile.clone();
  }

  /**
   * EF 0004 CVC, 568 bytes.
   *
   * @return a copy
   */
  public byte[] certificateFile() {
    return certificateFile.clone();
  }

  /**
   * EF 0005 My Number image record.
   *
   * @return a copy
   */
  public byte[] myNumberImageFile() {
    return myNumberImageFile.clone();
  }

  @Override
  public String toString() {
    return "VisualApData[<personal data redacted>]";
  }

  /** Collects the inputs of {@link VisualApData}. Not thread-safe. */
  public static final class Builder {
    private final TestPki pki;
    private @Nullable LocalDate birthDate;
    private @Nullable Sex sex;
    private @Nullable RSAPublicKey cardKey;
    private @Nullable String name;
    private @Nullable String address;
    private byte @Nullable [] photo;
    private @Nullable LocalDate expiry;
    private @Nullable String securityCode;
    private @Nullable String myNumber;
    private String municipalityCode = "13101";
    private String seedLabel = "";

    private Builder(TestPki pki) {
      this.pki = pki;
    }

    /**
     * 生年月日 (DF22 and EF 0001 DF11).
     *
     * @param birthDate the date
     * @return this builder
     */
    public Builder birthDate(LocalDate birthDate) {
      this.birthDate = birthDate;
      return this;
    }

    /**
     * 性別 (DF23).
     *
     * @param sex the sex
     * @return this builder
     */
    public Builder sex(Sex sex) {
      this.sex = sex;
      return this;
    }

    /**
     * The AP's card key (DF24, DF12, DF42), used by {@code 80 2A 00 00}.
     *
     * @param cardKey RSA-2048 public key
     * @return this builder
     */
    public Builder cardKey(RSAPublicKey cardKey) {
      this.cardKey = cardKey;
      return this;
    }

    /**
     * 氏名, rendered into the DF25 image.
     *
     * @param name the name
     * @return this builder
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * 住所, rendered into the DF26 image.
     *
     * @param address the address
     * @return this builder
     */
    public Builder address(String address) {
      this.address = address;
      return this;
    }

    /**
     * The DF27 photo bytes (default: {@link CardImages#fakeJp2(String)}).
     *
     * @param jp2 the photo
     * @return this builder
     */
    public Builder photo(byte[] jp2) {
      this.photo = jp2.clone();
      return this;
    }

    /**
     * 有効期限 (DF29, after the signature).
     *
     * @param expiry the card expiry
     * @return this builder
     */
    public Builder expiry(LocalDate expiry) {
      this.expiry = expiry;
      return this;
    }

    /**
     * The 4-digit security code rendered into DF2A.
     *
     * @param securityCode 4 digits
     * @return this builder
     */
    public Builder securityCode(String securityCode) {
      if (!securityCode.matches("[0-9]{4}")) {
        throw new IllegalArgumentException("securityCode must be 4 ASCII digits");
      }
      this.securityCode = securityCode;
      return this;
    }

    /**
     * The My Number rendered into EF 0005 DF41.
     *
     * @param myNumber 12 digits
     * @return this builder
     */
    public Builder myNumber(String myNumber) {
      if (!CardCodes.isValidMyNumber(myNumber)) {
        throw new IllegalArgumentException("myNumber must be 12 digits with a valid check digit");
      }
      this.myNumber = myNumber;
      return this;
    }

    /**
     * 全国地方公共団体コード in EF 0003 DF34 (default {@code 13101}, Chiyoda-ku).
     *
     * @param code 5 ASCII digits
     * @return this builder
     */
    public Builder municipalityCode(String code) {
      if (!code.matches("[0-9]{5}")) {
        throw new IllegalArgumentException("municipality code must be 5 ASCII digits");
      }
      this.municipalityCode = code;
      return this;
    }

    /**
     * A label that makes opaque bytes and the fake photo differ per card (not personal data).
     *
     * @param label any label, e.g. the persona id
     * @return this builder
     */
    public Builder seedLabel(String label) {
      this.seedLabel = label;
      return this;
    }

    /**
     * Encodes and signs the files.
     *
     * @return the files
     * @throws IllegalStateException if a required field is missing
     */
    public VisualApData build() {
      return new VisualApData(this);
    }
  }
}
