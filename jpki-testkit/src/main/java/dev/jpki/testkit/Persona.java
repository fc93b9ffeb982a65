// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit;

import dev.jpki.testkit.card.Access;
import dev.jpki.testkit.card.Application;
import dev.jpki.testkit.card.CardProfile;
import dev.jpki.testkit.card.VirtualMyNumberCard;
import dev.jpki.testkit.pki.CardCodes;
import dev.jpki.card.KeyType;
import dev.jpki.testkit.pki.CommonApData;
import dev.jpki.testkit.pki.Holder;
import dev.jpki.testkit.pki.IssuedCertificate;
import dev.jpki.testkit.pki.JpkiApData;
import dev.jpki.testkit.pki.CrlEntry;
import dev.jpki.card.Sex;
import dev.jpki.testkit.pki.TestKeys;
import dev.jpki.testkit.pki.TestPki;
import dev.jpki.testkit.pki.TextApData;
import dev.jpki.testkit.pki.TokenType;
import dev.jpki.testkit.pki.VisualApData;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A virtual card holder: personal data (test data, never a real person), credentials, certificates,
 * keys and the byte-exact card files, assembled into a {@link CardProfile} for the virtual card. Get
 * the built-in ones from {@link Personas#get(String)}; make custom ones with {@link #builder(String)}.
 * Immutable and thread-safe; the profile is built lazily once.
 *
 * <p>Strings are as the card and certificate store them: the name with U+3000 between family and
 * given name, the address with full-width block numbers and hyphen ({@code １－１－１}, docs/card-protocol.md §6.3).
 * Their NFKC normalisation equals the plain forms in docs/cli.md.
 *
 * <p>Card layout (docs/card-protocol.md §5.1, §6.1, §7.1, §8): JPKI AP EF 0001 (sign cert, needs {@code 001B}), 0002,
 * 0006, 0008, 000A (free on a card, needs {@code 0018} on a smartphone token, docs/card-protocol.md §5.2), 000B, keys
 * 0017/001A; text AP EF 0001 ({@code 0011} or {@code 0014}), 0002 ({@code 0011} or {@code 0015}),
 * 0003 and 0007 (any of the three), 0004, 0005 (free), card key 0013, blocked key ref 0012; visual AP
 * EF 0001 ({@code 0011} DOB key), 0002 ({@code 0013} or {@code 0012}), 0003, 0004 (free), 0005
 * ({@code 0013}); common AP record EF 0001 (free), PIN {@code 001C}, internal-auth key 0019; 住基 AP PIN
 * {@code 001C}; MF data objects. 照合番号 and DOB key counters default to 10 tries (UNCONFIRMED, docs/card-protocol.md
 * §4.3).
 *
 * <p>Security: {@link #toString()} shows only the persona id.
 */
public final class Persona {
  /** Default municipality: Chiyoda-ku, Tokyo (全国地方公共団体コード 13101). */
  public static final String DEFAULT_MUNICIPALITY_CODE = "13101";

  private final String id;
  private final TestPki pki;
  private final Holder holder;
  private final String myNumber;
  private final String securityCode;
  private final String municipalityCode;
  private final String cardSerial;
  private final LocalDate cardIssued;
  private final LocalDate cardExpiry;
  private final LocalDate certificateIssued;
  private final LocalDate certificateExpiry;
  private final TokenType tokenType;
  private final @Nullable String authPin;
  private final @Nullable String signPassword;
  private final @Nullable String textPin;
  private final @Nullable String commonPin;
  private final int verificationNumberTries;
  private final IssuedCertificate auth;
  private final @Nullable IssuedCertificate sign;
  private final @Nullable KeyPair textCardKey;
  private final @Nullable KeyPair visualCardKey;
  private final KeyPair commonKey;
  private final JpkiApData jpkiAp;
  private final @Nullable TextApData textAp;
  private final @Nullable VisualApData visualAp;
  private volatile @Nullable CardProfile profile;

  private Persona(Builder b) {
    this.id = b.id;
    this.pki = b.pki;
    if (b.name == null || b.address == null || b.birthDate == null || b.sex == null
        || b.myNumber == null) {
      throw new IllegalStateException(
          "persona " + b.id + ": name, address, birthDate, sex and myNumber are required");
    }
    this.holder =
        Holder.of(b.name, b.address, b.birthDate, b.sex, b.prefecture, b.municipality);
    this.myNumber = b.myNumber;
    this.securityCode = b.securityCode;
    this.municipalityCode = b.municipalityCode;
    this.cardIssued = b.cardIssued;
    this.cardExpiry =
        b.cardExpiry != null ? b.cardExpiry : CardCodes.cardExpiry(b.birthDate, b.cardIssued);
    this.certificateIssued = b.certificateIssued != null ? b.certificateIssued : b.cardIssued;
    this.certificateExpiry =
        b.certificateExpiry != null
            ? b.certificateExpiry
            : CardCodes.certificateExpiry(b.birthDate, certificateIssued);
    this.tokenType = b.smartphone ? TokenType.ANDROID_SMARTPHONE : TokenType.CARD;
    this.authPin = b.pins ? b.authPin : null;
    this.textPin = b.pins && !b.smartphone ? b.textPin : null;
    this.commonPin = b.pins && !b.smartphone ? b.commonPin : null;
    // Under-15s get no signature certificate (docs/card-protocol.md §9.1 原則), nor do face-auth cards (docs/card-protocol.md §4.3).
    boolean hasSign =
        b.signCertificate != null
            ? b.signCertificate
            : b.pins && CardCodes.ageOn(b.birthDate, certificateIssued) >= 15;
    this.signPassword = hasSign && b.pins ? b.signPassword : null;
    this.verificationNumberTries = b.verificationNumberTries;
    String keys = b.keyPrefix;
    String seed = hex("persona:" + b.identitySeed).substring(0, 8).toUpperCase(java.util.Locale.ROOT);
    this.cardSerial = b.cardSerial != null ? b.cardSerial : serialFromSeed(seed);

    BigInteger authSerial =
        b.authSerial != null ? b.authSerial : derivedSerial(0xA6, b.identitySeed);
    BigInteger signSerial =
        b.signSerial != null ? b.signSerial : derivedSerial(0x56, b.identitySeed);
    this.auth =
        pki.leaf(KeyType.AUTHENTICATION)
            .holder(holder)
            .identifier("TEST" + seed + "A" + municipalityCode + "001A")
            .keyPair(TestKeys.get(keys + "-auth"))
            .serial(authSerial)
            .validity(certificateIssued, certificateExpiry)
            .build();
    this.sign =
        hasSign
            ? pki.leaf(KeyType.SIGNATURE)
                .holder(holder)
                .identifier("TEST" + seed + "S" + municipalityCode + "001A")
                .keyPair(TestKeys.get(keys + "-sign"))
                .serial(signSerial)
                .validity(certificateIssued, certificateExpiry)
                .build()
            : null;
    this.jpkiAp =
        JpkiApData.of(
            tokenType,
            String.format("%016d", Long.parseLong(cardSerial.substring(0, 15))),
            auth.certificate(),
            sign != null ? sign.certificate() : null,
            pki.authRoot(),
            pki.signRoot());
    this.commonKey = TestKeys.get("common-ap");
    if (b.smartphone) {
      this.textCardKey = null;
      this.visualCardKey = null;
      this.textAp = null;
      this.visualAp = null;
    } else {
      KeyPair textKey = TestKeys.get(keys + "-text-card");
      KeyPair visualKey = TestKeys.get(keys + "-visual-card");
      this.textCardKey = textKey;
      this.visualCardKey = visualKey;
      this.textAp =
          TextApData.builder(pki)
              .myNumber(myNumber)
              .name(holder.name())
              .address(holder.address())
              .birthDate(holder.birthDate())
              .sex(holder.sex())
              .cardKey((RSAPublicKey) textKey.getPublic())
              .tamperAfterSigning(null, b.tamperedAddress)
              .seedLabel(id)
              .build();
      this.visualAp =
          VisualApData.builder(pki)
              .birthDate(holder.birthDate())
              .sex(holder.sex())
              .cardKey((RSAPublicKey) visualKey.getPublic())
              .name(holder.name())
              .address(holder.address())
              .expiry(cardExpiry)
              .securityCode(securityCode)
              .myNumber(myNumber)
              .municipalityCode(municipalityCode)
              .seedLabel(id)
              .build();
    }
  }

  /**
   * Starts a custom persona. Uses the shipped {@code custom-*} key set unless told otherwise. Never
   * put real personal data here.
   *
   * @param id a short id, e.g. {@code "moved-twice"} (lower-case letters, digits, hyphens)
   * @return a new builder with no personal data set
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /**
   * Id of this persona, e.g. {@code "default"}.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * 氏名 as stored (family, U+3000, given).
   *
   * @return the name
   */
  public String name() {
    return holder.name();
  }

  /**
   * 住所 as stored (full-width block numbers).
   *
   * @return the address
   */
  public String address() {
    return holder.address();
  }

  /**
   * 生年月日.
   *
   * @return the date of birth
   */
  public LocalDate birthDate() {
    return holder.birthDate();
  }

  /**
   * 性別.
   *
   * @return the sex
   */
  public Sex sex() {
    return holder.sex();
  }

  /**
   * The holder data as in the signature certificate.
   *
   * @return the holder
   */
  public Holder holder() {
    return holder;
  }

  /**
   * 個人番号 (12 digits, valid check digit); also 照合番号A.
   *
   * @return the My Number
   */
  public String myNumber() {
    return myNumber;
  }

  /**
   * The 4-digit security code printed on the card face.
   *
   * @return the code
   */
  public String securityCode() {
    return securityCode;
  }

  /**
   * 全国地方公共団体コード of the issuing municipality.
   *
   * @return 5 digits
   */
  public String municipalityCode() {
    return municipalityCode;
  }

  /**
   * The 15-digit card serial (common AP record, MF {@code 0045}).
   *
   * @return the serial
   */
  public String cardSerial() {
    return cardSerial;
  }

  /**
   * Card issue date.
   *
   * @return the date
   */
  public LocalDate cardIssued() {
    return cardIssued;
  }

  /**
   * Card expiry date (visual AP DF29, common AP record).
   *
   * @return the date
   */
  public LocalDate cardExpiry() {
    return cardExpiry;
  }

  /**
   * Issue date of the certificates (10:00 JST).
   *
   * @return the date
   */
  public LocalDate certificateIssued() {
    return certificateIssued;
  }

  /**
   * Expiry date of the certificates (23:59:59 JST).
   *
   * @return the date
   */
  public LocalDate certificateExpiry() {
    return certificateExpiry;
  }

  /**
   * The JPKI token kind (EF 0006 label).
   *
   * @return the token type
   */
  public TokenType tokenType() {
    return tokenType;
  }

  /**
   * Whether this is an Android smartphone token (JPKI AP only).
   *
   * @return true for smartphones
   */
  public boolean isSmartphone() {
    return tokenType == TokenType.ANDROID_SMARTPHONE;
  }

  /**
   * Whether the holder set PINs (false for face-auth cards).
   *
   * @return true if PINs exist
   */
  public boolean hasPins() {
    return authPin != null;
  }

  /**
   * The PKI that issued this persona's certificates.
   *
   * @return the PKI
   */
  public TestPki pki() {
    return pki;
  }

  // ---------------------------------------------------------------- credentials

  /**
   * User-authentication PIN (JPKI {@code 0018}, 3 tries).
   *
   * @return 4 digits
   * @throws IllegalStateException if this persona has none (face-auth)
   */
  public String authPin() {
    return credential(authPin, "user-authentication PIN");
  }

  /**
   * Signature password (JPKI {@code 001B}, 5 tries).
   *
   * @return 6-16 upper-case letters and digits
   * @throws IllegalStateException if this persona has no signature certificate
   */
  public String signPassword() {
    return credential(signPassword, "signature password");
  }

  /**
   * Text-AP PIN (text {@code 0011}, 3 tries).
   *
   * @return 4 digits
   * @throws IllegalStateException if this persona has none (face-auth, smartphone)
   */
  public String textPin() {
    return credential(textPin, "text-AP PIN");
  }

  /**
   * Common/住基 PIN (common and juki AP {@code 001C}, 3 tries).
   *
   * @return 4 digits
   * @throws IllegalStateException if this persona has none (face-auth, smartphone)
   */
  public String commonPin() {
    return credential(commonPin, "common/juki PIN");
  }

  /**
   * 照合番号A = the My Number (text {@code 0014}, visual {@code 0013}).
   *
   * @return 12 digits
   * @throws IllegalStateException on a smartphone token (no text/visual AP)
   */
  public String pinA() {
    return credential(textAp != null ? myNumber : null, "照合番号A");
  }

  /**
   * 照合番号B (text {@code 0015}, visual {@code 0012}): era DOB, expiry year, security code.
   *
   * @return 14 digits
   * @throws IllegalStateException on a smartphone token
   */
  public String pinB() {
    return credential(
        textAp != null
            ? CardCodes.verificationNumberB(holder.birthDate(), cardExpiry, securityCode)
            : null,
        "照合番号B");
  }

  /**
   * The DOB key (visual {@code 0011}): era {@code YYMMDD}.
   *
   * @return 6 digits
   * @throws IllegalStateException on a smartphone token
   */
  public String dobKey() {
    return credential(textAp != null ? CardCodes.dobKey(holder.birthDate()) : null, "DOB key");
  }

  private String credential(@Nullable String value, String what) {
    if (value == null) {
      throw new IllegalStateException("persona " + id + " has no " + what);
    }
    return value;
  }

  // ---------------------------------------------------------------- certificates and keys

  /**
   * The user-authentication certificate (JPKI EF 000A).
   *
   * @return the certificate
   */
  public X509Certificate authCertificate() {
    return auth.certificate();
  }

  /**
   * The signature certificate (JPKI EF 0001), absent for minors and face-auth.
   *
   * @return it or empty
   */
  public Optional<X509Certificate> signCertificate() {
    return sign == null ? Optional.empty() : Optional.of(sign.certificate());
  }

  /**
   * Key pair of the user-authentication key (JPKI 0017).
   *
   * @return the key pair
   */
  public KeyPair authKeyPair() {
    return auth.keyPair();
  }

  /**
   * Key pair of the signature key (JPKI 001A), if the persona has a signature certificate.
   *
   * @return it
   */
  public Optional<KeyPair> signKeyPair() {
    return sign == null ? Optional.empty() : Optional.of(sign.keyPair());
  }

  /**
   * Text AP card key (0013), absent on smartphones.
   *
   * @return the key pair or empty
   */
  public Optional<KeyPair> textCardKeyPair() {
    return Optional.ofNullable(textCardKey);
  }

  /**
   * Visual AP card key ({@code 80 2A 00 00}), absent on smartphones.
   *
   * @return the key pair or empty
   */
  public Optional<KeyPair> visualCardKeyPair() {
    return Optional.ofNullable(visualCardKey);
  }

  /**
   * This persona's entry in the PKI's standard revocation list (persona {@code revoked}).
   *
   * @param type SIGN or AUTH
   * @return the revocation, or empty when the certificate is not revoked or absent
   */
  public Optional<CrlEntry> revocation(KeyType type) {
    X509Certificate c = type == KeyType.AUTHENTICATION ? auth.certificate() : sign == null ? null : sign.certificate();
    return c == null ? Optional.empty() : pki.standardRevocation(type, c.getSerialNumber());
  }

  // ---------------------------------------------------------------- card data

  /**
   * The JPKI AP files.
   *
   * @return the files
   */
  public JpkiApData jpkiAp() {
    return jpkiAp;
  }

  /**
   * The text AP files, absent on smartphones.
   *
   * @return the files or empty
   */
  public Optional<TextApData> textAp() {
    return Optional.ofNullable(textAp);
  }

  /**
   * The visual AP files, absent on smartphones.
   *
   * @return the files or empty
   */
  public Optional<VisualApData> visualAp() {
    return Optional.ofNullable(visualAp);
  }

  /**
   * The virtual card's profile: every file, credential and key of this persona.
   *
   * @return the (cached) profile
   */
  public CardProfile profile() {
    CardProfile p = profile;
    if (p == null) {
      synchronized (this) {
        p = profile;
        if (p == null) {
          p = buildProfile();
          profile = p;
        }
      }
    }
    return p;
  }

  /**
   * A new virtual card in its power-on state: {@code VirtualMyNumberCard.create(profile())}.
   *
   * @return the card
   */
  public VirtualMyNumberCard newCard() {
    return VirtualMyNumberCard.create(profile());
  }

  private CardProfile buildProfile() {
    CardProfile.Builder b = CardProfile.builder();
    Access always = Access.always();
    // JPKI AP, docs/card-protocol.md §5.1.
    b.file(Application.JPKI, 0x0006, jpkiAp.tokenInfoFile(), always);
    b.file(Application.JPKI, 0x0008, jpkiAp.availabilityFile(), always);
    b.file(Application.JPKI, 0x0002, jpkiAp.signCaFile(), always);
    b.file(Application.JPKI, 0x000B, jpkiAp.authCaFile(), always);
    // docs/card-protocol.md §5.2: the smartphone token wants the auth PIN before EF 000A; the card does not.
    b.file(Application.JPKI, 0x000A, jpkiAp.authCertificateFile(),
        isSmartphone() ? Access.anyOf(0x0018) : always);
    if (authPin != null) {
      b.credential(Application.JPKI, 0x0018, ascii(authPin), CardProfile.PIN_MAX_TRIES);
    }
    // Face-auth cards: no PIN, and the PIN-less terminal path (docs/card-protocol.md §10, 80 A2) is not modelled.
    b.signingKey(Application.JPKI, 0x0017, rsa(auth.keyPair()),
        authPin != null ? Access.anyOf(0x0018) : Access.never());
    Optional<byte[]> signFile = jpkiAp.signCertificateFile();
    if (sign != null && signFile.isPresent()) {
      b.file(Application.JPKI, 0x0001, signFile.get(), Access.anyOf(0x001B));
      b.signingKey(Application.JPKI, 0x001A, rsa(sign.keyPair()), Access.anyOf(0x001B));
      if (signPassword != null) {
        b.credential(Application.JPKI, 0x001B, ascii(signPassword), CardProfile.SIGN_PASSWORD_MAX_TRIES);
      }
    }
    if (textAp == null || visualAp == null || textCardKey == null || visualCardKey == null) {
      return b.applications(EnumSet.of(Application.JPKI)).build();
    }
    int tries = verificationNumberTries;
    String b14 = pinB();
    // Text AP, docs/card-protocol.md §6.1.
    b.file(Application.TEXT, 0x0001, textAp.myNumberFile(), Access.anyOf(0x0011, 0x0014));
    b.file(Application.TEXT, 0x0002, textAp.attributesFile(), Access.anyOf(0x0011, 0x0015));
    b.file(Application.TEXT, 0x0003, textAp.integrityFile(), Access.anyOf(0x0011, 0x0014, 0x0015));
    b.file(Application.TEXT, 0x0004, textAp.certificateFile(), always);
    b.file(Application.TEXT, 0x0005, textAp.basicInfoFile(), always);
    b.file(Application.TEXT, 0x0007, textAp.signedPublicKeyFile(), Access.anyOf(0x0011, 0x0014, 0x0015));
    if (textPin != null) {
      b.credential(Application.TEXT, 0x0011, ascii(textPin), CardProfile.PIN_MAX_TRIES);
    }
    b.blockedCredential(Application.TEXT, 0x0012); // docs/card-protocol.md §4.3: blocked on every card examined
    b.credential(Application.TEXT, 0x0014, ascii(myNumber), tries);
    b.credential(Application.TEXT, 0x0015, ascii(b14), tries);
    b.signingKey(Application.TEXT, 0x0013, rsa(textCardKey), always);
    b.cardKey(Application.TEXT, rsa(textCardKey));
    // Visual AP, docs/card-protocol.md §7.1.
    b.file(Application.VISUAL, 0x0001, visualAp.ageRecordFile(), Access.anyOf(0x0011));
    b.file(Application.VISUAL, 0x0002, visualAp.cardFaceFile(), Access.anyOf(0x0013, 0x0012));
    b.file(Application.VISUAL, 0x0003, visualAp.basicInfoFile(), always);
    b.file(Application.VISUAL, 0x0004, visualAp.certificateFile(), always);
    b.file(Application.VISUAL, 0x0005, visualAp.myNumberImageFile(), Access.anyOf(0x0013));
    b.credential(Application.VISUAL, 0x0011, ascii(dobKey()), tries);
    b.credential(Application.VISUAL, 0x0012, ascii(b14), tries);
    b.credential(Application.VISUAL, 0x0013, ascii(myNumber), tries);
    b.cardKey(Application.VISUAL, rsa(visualCardKey));
    // Common AP and 住基 AP, docs/card-protocol.md §8.
    b.recordFile(Application.COMMON, 0x0001,
        List.of(CommonApData.record(cardSerial, municipalityCode, cardExpiry)), always);
    b.signingKey(Application.COMMON, 0x0019, rsa(commonKey), always);
    if (commonPin != null) {
      b.credential(Application.COMMON, 0x001C, ascii(commonPin), CardProfile.PIN_MAX_TRIES);
      b.credential(Application.JUKI, 0x001C, ascii(commonPin), CardProfile.PIN_MAX_TRIES);
    }
    for (Map.Entry<Integer, byte[]> e :
        CommonApData.mfDataObjects(cardSerial, municipalityCode, cardExpiry).entrySet()) {
      b.dataObject(e.getKey(), e.getValue());
    }
    return b.applications(
            EnumSet.of(Application.JPKI, Application.TEXT, Application.VISUAL, Application.COMMON,
                Application.JUKI))
        .build();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static RSAPrivateKey rsa(KeyPair kp) {
    return (RSAPrivateKey) kp.getPrivate();
  }

  private static String hex(String s) {
    try {
      byte[] h = java.security.MessageDigest.getInstance("SHA-256")
          .digest(s.getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder();
      for (byte x : h) {
        sb.append(String.format("%02x", x));
      }
      return sb.toString();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing", e);
    }
  }

  private static String serialFromSeed(String seedHex) {
    return String.format("%015d", 300000000000000L + Long.parseLong(seedHex, 16) % 100000000000000L);
  }

  private static BigInteger derivedSerial(int prefix, String id) {
    long low = Long.parseLong(hex("serial:" + id).substring(0, 6), 16);
    return BigInteger.valueOf(((long) prefix << 24) | low);
  }

  @Override
  public String toString() {
    return "Persona[" + id + "]";
  }

  /**
   * Builds a {@link Persona}. Not thread-safe. Required: name, address, birth date, sex, My Number.
   * Defaults: municipality Chiyoda-ku (13101, {@code Tokyo-to}/{@code Chiyoda-ku}), card and
   * certificates issued 2024-06-01 with the expiry rules of {@link CardCodes}, security code {@code
   * 0000}, PINs {@code 1234}, password {@code ABC123}, a signature certificate when the holder is 15 or
   * older, 照合番号 counters of 10 tries, key set {@code custom-*}, serials derived from the id, {@link
   * TestPki#get()}.
   */
  public static final class Builder {
    private final String id;
    private TestPki pki = TestPki.get();
    private @Nullable String name;
    private @Nullable String address;
    private @Nullable LocalDate birthDate;
    private @Nullable Sex sex;
    private @Nullable String myNumber;
    private String securityCode = "0000";
    private String municipalityCode = DEFAULT_MUNICIPALITY_CODE;
    private String prefecture = "Tokyo-to";
    private String municipality = "Chiyoda-ku";
    private LocalDate cardIssued = LocalDate.of(2024, 6, 1);
    private @Nullable LocalDate cardExpiry;
    private @Nullable LocalDate certificateIssued;
    private @Nullable LocalDate certificateExpiry;
    private String authPin = "1234";
    private String signPassword = "ABC123";
    private String textPin = "1234";
    private String commonPin = "1234";
    private boolean pins = true;
    private @Nullable Boolean signCertificate;
    private boolean smartphone;
    private int verificationNumberTries = CardProfile.VERIFICATION_NUMBER_MAX_TRIES;
    private String keyPrefix = "custom";
    private @Nullable BigInteger authSerial;
    private @Nullable BigInteger signSerial;
    private @Nullable String cardSerial;
    private @Nullable String tamperedAddress;
    private String identitySeed;

    private Builder(String id) {
      if (!id.matches("[a-z0-9][a-z0-9-]{0,31}")) {
        throw new IllegalArgumentException("persona id must be 1-32 of [a-z0-9-]: " + id);
      }
      this.id = id;
      this.identitySeed = id;
    }

    /**
     * 氏名. An ASCII space between family and given name becomes U+3000, as on the card.
     *
     * @param name e.g. {@code "試験 太郎"}
     * @return this builder
     */
    public Builder name(String name) {
      this.name = name.replace(' ', '\u3000');
      return this;
    }

    /**
     * 住所. ASCII digits and {@code -} become full-width ({@code １－１}), as on the card (docs/card-protocol.md §6.3).
     *
     * @param address e.g. {@code "東京都千代田区霞が関1-1-1"}
     * @return this builder
     */
    public Builder address(String address) {
      StringBuilder sb = new StringBuilder(address.length());
      for (int i = 0; i < address.length(); i++) {
        char c = address.charAt(i);
        if (c >= '0' && c <= '9') {
          sb.append((char) (0xFF10 + (c - '0')));
        } else if (c == '-') {
          sb.append('\uFF0D');
        } else {
          sb.append(c);
        }
      }
      this.address = sb.toString();
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
     * 個人番号, 12 digits with a valid check digit ({@link CardCodes#isValidMyNumber}).
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
     * The 4-digit security code printed on the card face (part of 照合番号B).
     *
     * @param code 4 digits
     * @return this builder
     */
    public Builder securityCode(String code) {
      if (!code.matches("[0-9]{4}")) {
        throw new IllegalArgumentException("securityCode must be 4 ASCII digits");
      }
      this.securityCode = code;
      return this;
    }

    /**
     * The issuing municipality.
     *
     * @param code 全国地方公共団体コード, 5 digits
     * @param prefectureRomaji e.g. {@code "Osaka-fu"}
     * @param municipalityRomaji e.g. {@code "Osaka-shi"}
     * @return this builder
     */
    public Builder municipality(String code, String prefectureRomaji, String municipalityRomaji) {
      if (!code.matches("[0-9]{5}")) {
        throw new IllegalArgumentException("municipality code must be 5 ASCII digits");
      }
      this.municipalityCode = code;
      this.prefecture = prefectureRomaji;
      this.municipality = municipalityRomaji;
      return this;
    }

    /**
     * Card issue date (default 2024-06-01).
     *
     * @param issued the date
     * @return this builder
     */
    public Builder cardIssued(LocalDate issued) {
      this.cardIssued = issued;
      return this;
    }

    /**
     * Card expiry (default: 10th birthday after issue, 5th for under-18s).
     *
     * @param expiry the date
     * @return this builder
     */
    public Builder cardExpiry(LocalDate expiry) {
      this.cardExpiry = expiry;
      return this;
    }

    /**
     * Certificate validity (default: issued with the card, expiring on the 5th birthday after).
     *
     * @param issued issue date (10:00 JST)
     * @param expiry expiry date (23:59:59 JST)
     * @return this builder
     */
    public Builder certificateValidity(LocalDate issued, LocalDate expiry) {
      if (expiry.isBefore(issued)) {
        throw new IllegalArgumentException("certificate expiry is before its issue date");
      }
      this.certificateIssued = issued;
      this.certificateExpiry = expiry;
      return this;
    }

    /**
     * User-authentication PIN.
     *
     * @param pin 4 ASCII digits
     * @return this builder
     */
    public Builder authPin(String pin) {
      this.authPin = fourDigits(pin, "authPin");
      return this;
    }

    /**
     * Signature password (docs/card-protocol.md §4.1: 6-16 of A-Z and 0-9, at least one of each).
     *
     * @param password the password
     * @return this builder
     */
    public Builder signPassword(String password) {
      if (!password.matches("[A-Z0-9]{6,16}") || !password.matches(".*[A-Z].*")
          || !password.matches(".*[0-9].*")) {
        throw new IllegalArgumentException(
            "signPassword must be 6-16 of A-Z and 0-9 with at least one letter and one digit");
      }
      this.signPassword = password;
      return this;
    }

    /**
     * Text-AP PIN.
     *
     * @param pin 4 ASCII digits
     * @return this builder
     */
    public Builder textPin(String pin) {
      this.textPin = fourDigits(pin, "textPin");
      return this;
    }

    /**
     * Common/住基 PIN.
     *
     * @param pin 4 ASCII digits
     * @return this builder
     */
    public Builder commonPin(String pin) {
      this.commonPin = fourDigits(pin, "commonPin");
      return this;
    }

    /**
     * A face-auth card (顔認証マイナンバーカード, docs/card-protocol.md §4.3): no PINs at all and no signature certificate;
     * the auth key cannot be used with holder credentials.
     *
     * @return this builder
     */
    public Builder noPins() {
      this.pins = false;
      return this;
    }

    /**
     * Whether the persona has a signature certificate (default: 15 or older at issue, with PINs).
     *
     * @param present true to issue one
     * @return this builder
     */
    public Builder signCertificate(boolean present) {
      this.signCertificate = present;
      return this;
    }

    /**
     * An Android smartphone token ({@code JPKIAPGPSETOKEN}): JPKI AP only (docs/card-protocol.md §11).
     *
     * @return this builder
     */
    public Builder smartphone() {
      this.smartphone = true;
      return this;
    }

    /**
     * Retry maximum of 照合番号A/B and the DOB key (default 10, UNCONFIRMED, docs/card-protocol.md §4.3).
     *
     * @param tries 1..15
     * @return this builder
     */
    public Builder verificationNumberTries(int tries) {
      if (tries < 1 || tries > 15) {
        throw new IllegalArgumentException("tries must be 1..15, was " + tries);
      }
      this.verificationNumberTries = tries;
      return this;
    }

    /**
     * Serial numbers of the certificates (default: derived from the id).
     *
     * @param auth auth certificate serial
     * @param sign signature certificate serial
     * @return this builder
     */
    public Builder serials(BigInteger auth, BigInteger sign) {
      if (auth.signum() <= 0 || sign.signum() <= 0) {
        throw new IllegalArgumentException("serials must be positive");
      }
      this.authSerial = auth;
      this.signSerial = sign;
      return this;
    }

    /**
     * The 15-digit card serial (default: derived from the id).
     *
     * @param serial 15 ASCII digits
     * @return this builder
     */
    public Builder cardSerial(String serial) {
      if (!serial.matches("[0-9]{15}")) {
        throw new IllegalArgumentException("card serial must be 15 ASCII digits");
      }
      this.cardSerial = serial;
      return this;
    }

    /**
     * The PKI issuing the certificates (default {@link TestPki#get()}).
     *
     * @param pki the PKI
     * @return this builder
     */
    public Builder pki(TestPki pki) {
      this.pki = pki;
      return this;
    }

    /** Uses the shipped key set {@code <prefix>-auth/-sign/-text-card/-visual-card}. */
    Builder keyPrefix(String prefix) {
      this.keyPrefix = prefix;
      return this;
    }

    /** Derives identifiers, card serial and default serials from another id (same card). */
    Builder identitySeed(String seed) {
      this.identitySeed = seed;
      return this;
    }

    /** Writes another address into text AP EF 0002 after EF 0003 was signed. */
    Builder tamperAddress(String cardAddress) {
      this.tamperedAddress = cardAddress;
      return this;
    }

    /**
     * Builds the persona: issues its certificates and encodes and signs its card files.
     *
     * @return the persona
     * @throws IllegalStateException if a required field is missing
     */
    public Persona build() {
      return new Persona(this);
    }

    private static String fourDigits(String pin, String field) {
      if (!pin.matches("[0-9]{4}")) {
        throw new IllegalArgumentException(field + " must be 4 ASCII digits");
      }
      return pin;
    }
  }
}
