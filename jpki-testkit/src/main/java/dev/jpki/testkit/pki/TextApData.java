// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

import dev.jpki.card.Sex;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The files of the text AP (券面事項入力補助AP, docs/card-protocol.md §6), byte-exact, signed with the test PKI's text-AP
 * issuer key (the key certified by the {@code 6000033/001} CVC). Immutable; build with {@link
 * #builder(TestPki)}.
 *
 * <ul>
 *   <li>EF 0001 (17 bytes): {@code FF 10 0C} + 12 ASCII digits + {@code FF FF} (docs/card-protocol.md §6.2)
 *   <li>EF 0002: {@code FF 20 <len> { DF21 08 <4 file offsets>; DF22 name; DF23 address; DF24 08
 *       YYYYMMDD; DF25 01 sex }} then {@code FF} filler to a multiple of 256 bytes (docs/card-protocol.md §6.3)
 *   <li>EF 0003 (336 bytes): {@code FF 30 82 01 4B { DF31 20 SHA-256(EF 0001 physical); DF32 20
 *       SHA-256(EF 0002 from DF22 to the end of FF20); DF33 82 01 00 sig(DF31 || DF32 TLVs) }} (docs/card-protocol.md §6.4)
 *   <li>EF 0004 (568 bytes): the text AP CVC (docs/card-protocol.md §6.5)
 *   <li>EF 0005 (164 bytes): {@code FF 40 82 00 9F { DF41 04 01 03 0E 01; DF42 10 key id 6000034/001;
 *       DF43 82 00 80 <32 bytes + 96 x FF> }} (docs/card-protocol.md §6.6)
 *   <li>EF 0007 (536 bytes): {@code FF 50 82 02 13 { DF51 82 01 09 card key; DF52 82 01 00 sig(DF51
 *       TLV) }} (docs/card-protocol.md §6.7)
 * </ul>
 *
 * <p>Security: holds personal data; {@link #toString()} shows none.
 */
public final class TextApData {
  private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

  private final byte[] myNumberFile;
  private final byte[] attributesFile;
  private final byte[] integrityFile;
  private final byte[] certificateFile;
  private final byte[] basicInfoFile;
  private final byte[] signedPublicKeyFile;

  private TextApData(Builder b) {
    String myNumber = require(b.myNumber, "myNumber");
    String name = require(b.name, "name");
    String address = require(b.address, "address");
    LocalDate birthDate = require(b.birthDate, "birthDate");
    Sex sex = require(b.sex, "sex");
    RSAPublicKey cardKey = require(b.cardKey, "cardKey");
    TestPki.CardDataKeys keys = b.pki.cardDataKeys();

    // docs/card-protocol.md §6.2: FF 10 0C + 12 digits + FF FF filler (17 bytes physical).
    byte[] mn = Tlv.of(0xFF10, myNumber.getBytes(StandardCharsets.US_ASCII));
    this.myNumberFile = Tlv.concat(mn, new byte[] {(byte) 0xFF, (byte) 0xFF});

    byte[] signedAttributes = attributesObject(name, address, birthDate, sex);
    // docs/card-protocol.md §6.4: DF31 = SHA-256 of the 17 physical bytes; DF32 = SHA-256 from DF22 to the TLV end.
    byte[] df31 = Tlv.of(0xDF31, CardKeys.sha256(myNumberFile));
    byte[] df32 = Tlv.of(0xDF32, CardKeys.sha256(digestSource(signedAttributes)));
    byte[] df33 =
        Tlv.long82(0xDF33, CardKeys.sha256WithRsa(Tlv.concat(df31, df32), keys.textIssuer.privateKey()));
    this.integrityFile = Tlv.long82(0xFF30, Tlv.concat(df31, df32, df33));

    byte[] onCard = signedAttributes;
    if (b.tamperedName != null || b.tamperedAddress != null) {
      // The "tampered" persona: 4 info altered after EF 0003 was signed.
      onCard =
          attributesObject(
              b.tamperedName != null ? b.tamperedName : name,
              b.tamperedAddress != null ? b.tamperedAddress : address,
              birthDate,
              sex);
    }
    this.attributesFile = pad(onCard, 256);
    this.certificateFile = keys.textCvc.clone();

    byte[] df43 = new byte[128];
    Arrays.fill(df43, (byte) 0xFF);
    byte[] seed = CardKeys.sha256(("text-ap-basic-info:" + b.seedLabel).getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < 32; i++) {
      df43[i] = seed[i] == (byte) 0xFF ? (byte) 0xFE : seed[i]; // docs/card-protocol.md §6.6: 32 non-FF bytes
    }
    this.basicInfoFile =
        Tlv.long82(
            0xFF40,
            Tlv.concat(
                Tlv.of(0xDF41, new byte[] {0x01, 0x03, 0x0E, 0x01}),
                Tlv.of(0xDF42, CvcKeyId.of("6000034", "001").bytes()),
                Tlv.of(0xDF43, df43)));

    byte[] df51 = Tlv.long82(0xDF51, CardKeys.encodePublicKey(cardKey));
    byte[] df52 = Tlv.long82(0xDF52, CardKeys.sha256WithRsa(df51, keys.textIssuer.privateKey()));
    this.signedPublicKeyFile = Tlv.long82(0xFF50, Tlv.concat(df51, df52));
  }

  /**
   * Starts the files for a holder.
   *
   * @param pki the PKI whose text-AP issuer key signs
   * @return a new builder
   */
  public static Builder builder(TestPki pki) {
    return new Builder(pki);
  }

  /** The FF20 object with a correct DF21 offset table (offsets from the start of the file). */
  private static byte[] attributesObject(String name, String address, LocalDate dob, Sex sex) {
    byte[] df22 = Tlv.of(0xDF22, name.getBytes(StandardCharsets.UTF_8));
    byte[] df23 = Tlv.of(0xDF23, address.getBytes(StandardCharsets.UTF_8));
    byte[] df24 = Tlv.of(0xDF24, dob.format(YYYYMMDD).getBytes(StandardCharsets.US_ASCII));
    byte[] df25 = Tlv.of(0xDF25, new byte[] {(byte) sex.code()});
    int innerLength = 11 + df22.length + df23.length + df24.length + df25.length;
    int header = Tlv.headerLength(0xFF20, innerLength);
    int o1 = header + 11;
    int o2 = o1 + df22.length;
    int o3 = o2 + df23.length;
    int o4 = o3 + df24.length;
    byte[] table = {
      (byte) (o1 >> 8), (byte) o1, (byte) (o2 >> 8), (byte) o2,
      (byte) (o3 >> 8), (byte) o3, (byte) (o4 >> 8), (byte) o4
    };
    return Tlv.of(0xFF20, Tlv.concat(Tlv.of(0xDF21, table), df22, df23, df24, df25));
  }

  /** docs/card-protocol.md §6.4: the bytes DF32 hashes, i.e. the FF20 value after the DF21 table. */
  private static byte[] digestSource(byte[] ff20) {
    int header = ff20[2] == (byte) 0x82 ? 5 : 3;
    int tableEnd = header + 11;
    return Arrays.copyOfRange(ff20, tableEnd, ff20.length);
  }

  static byte[] pad(byte[] object, int block) {
    int size = ((object.length + block - 1) / block) * block;
    byte[] out = Arrays.copyOf(object, size);
    Arrays.fill(out, object.length, size, (byte) 0xFF);
    return out;
  }

  private static <T> T require(@Nullable T v, String field) {
    if (v == null) {
      throw new IllegalStateException("text AP data: " + field + " not set");
    }
    return v;
  }

  /**
   * EF 0001, 17 bytes physical.
   *
   * @return a copy
   */
  public byte[] myNumberFile() {
    return myNumberFile.clone();
  }

  /**
   * EF 0002 physical content (TLV + filler).
   *
   * @return a copy
   */
  public byte[] attributesFile() {
    return attributesFile.clone();
  }

  /**
   * EF 0003, 336 bytes.
   *
   * @return a copy
   */
  public byte[] integrityFile() {
    return integrityFile.clone();
  }

  /**
   * EF 0004, the CVC, 568 bytes.
   *
   * @return a copy
   */
  public byte[] certificateFile() {
    return certificateFile.clone();
  }

  /**
   * EF 0005, 164 bytes.
   *
   * @return a copy
   */
  public byte[] basicInfoFile() {
    return basicInfoFile.clone();
  }

  /**
   * EF 0007, 536 bytes.
   *
   * @return a copy
   */
  public byte[] signedPublicKeyFile() {
    return signedPublicKeyFile.clone();
  }

  @Override
  public String toString() {
    return "TextApData[<personal data redacted>]";
  }

  /** Collects the inputs of {@link TextApData}. Not thread-safe. */
  public static final class Builder {
    private final TestPki pki;
    private @Nullable String myNumber;
    private @Nullable String name;
    private @Nullable String address;
    private @Nullable LocalDate birthDate;
    private @Nullable Sex sex;
    private @Nullable RSAPublicKey cardKey;
    private @Nullable String tamperedName;
    private @Nullable String tamperedAddress;
    private String seedLabel = "";

    private Builder(TestPki pki) {
      this.pki = pki;
    }

    /**
     * The My Number (12 digits with a valid check digit).
     *
     * @param myNumber the number
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
     * 氏名 as stored (family U+3000 given).
     *
     * @param name the name
     * @return this builder
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * 住所 as stored (full-width block numbers on real cards).
     *
     * @param address the address
     * @return this builder
     */
    public Builder address(String address) {
      this.address = address;
      return this;
    }

    /**
     * 生年月日.
     *
     * @param birthDate the date
     * @return this builder
     */
    public Builder birthDate(LocalDate birthDate) {
      this.birthDate = birthDate;
      return this;
    }

    /**
     * 性別.
     *
     * @param sex the sex
     * @return this builder
     */
    public Builder sex(Sex sex) {
      this.sex = sex;
      return this;
    }

    /**
     * The public half of the AP's card key (key 0013), published in EF 0007.
     *
     * @param cardKey RSA-2048 public key
     * @return this builder
     */
    public Builder cardKey(RSAPublicKey cardKey) {
      this.cardKey = cardKey;
      return this;
    }

    /**
     * Alters EF 0002 after EF 0003 was signed (negative tests): null keeps the signed value.
     *
     * @param name the name written instead, or null
     * @param address the address written instead, or null
     * @return this builder
     */
    public Builder tamperAfterSigning(@Nullable String name, @Nullable String address) {
      this.tamperedName = name;
      this.tamperedAddress = address;
      return this;
    }

    /**
     * A label that makes the opaque EF 0005 bytes differ per card (not personal data).
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
    public TextApData build() {
      return new TextApData(this);
    }
  }
}
