// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit;

import dev.jpki.testkit.pki.CardCodes;
import dev.jpki.card.KeyType;
import dev.jpki.card.Sex;
import dev.jpki.testkit.pki.TestPki;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The built-in personas of docs/cli.md, built lazily once per JVM on {@link TestPki#get()}. All
 * data is invented test data. Certificates are issued 2024-06-01 10:00 JST and expire 23:59:59 JST on
 * the 5th birthday after issue unless stated; PINs are {@code 1234}, the signature password {@code
 * ABC123}; the municipality is Chiyoda-ku (13101).
 *
 * <table>
 *   <caption>Built-in personas</caption>
 *   <tr><th>name</th><th>holder</th><th>notes</th></tr>
 *   <tr><td>{@code default}</td><td>試験 花子, female, 1990-05-15 (平成2), My Number 123456789018,
 *       security code 5678</td><td>card 2024-06-01 to 2034-05-15; certificates to 2029-05-15;
 *       照合番号B {@code 02051520345678}; DOB key {@code 020515}</td></tr>
 *   <tr><td>{@code minor}</td><td>試験 次郎, male, 2010-08-20 (平成22), security code 1111</td>
 *       <td>issued at 13: card and auth certificate to 2028-08-20 (the 5th birthday strictly after
 *       issue); no signature certificate (and no signature password); 照合番号B {@code
 *       22082020281111}</td></tr>
 *   <tr><td>{@code face-auth}</td><td>試験 三郎, male, 1975-11-03 (昭和50), security code 3333</td>
 *       <td>no PINs, no signature certificate; the auth key is unusable with holder credentials</td></tr>
 *   <tr><td>{@code revoked}</td><td>試験 和子, female, 1985-02-17 (昭和60), security code 4444</td>
 *       <td>both certificates revoked (keyCompromise, 2025-04-01 10:00 JST) in the standard CRLs and
 *       OCSP answers</td></tr>
 *   <tr><td>{@code expired}</td><td>試験 五郎, male, 1988-03-10 (昭和63), security code 5555</td>
 *       <td>card issued 2019-06-01, expires 2029-03-10; certificates 2019-06-01 to 2024-03-10
 *       (expired at {@link TestPki#REFERENCE_TIME})</td></tr>
 *   <tr><td>{@code smartphone}</td><td>as {@code default}</td><td>Android token {@code
 *       JPKIAPGPSETOKEN}, JPKI AP only, its own keys and certificates; EF 000A needs the auth
 *       PIN</td></tr>
 *   <tr><td>{@code tampered}</td><td>as {@code default} (same card, keys and certificates)</td><td>text
 *       AP EF 0002 carries {@link #TAMPERED_ADDRESS} although EF 0003 was signed over the genuine
 *       address, so its DF32 digest check fails</td></tr>
 * </table>
 *
 * <p>Certificate serials are {@link TestPki#builtInPersonaSerial(KeyType, int)} with numbers 1
 * ({@code default}, also {@code tampered}), 2 ({@code minor}), 3 ({@code face-auth}), 4 ({@code
 * revoked}), 5 ({@code expired}) and 6 ({@code smartphone}). Thread-safe.
 */
public final class Personas {
  /** The default persona. */
  public static final String DEFAULT = "default";

  /** A 13-year-old holder without a signature certificate. */
  public static final String MINOR = "minor";

  /** A face-auth card without PINs. */
  public static final String FACE_AUTH = "face-auth";

  /** A holder whose certificates are revoked. */
  public static final String REVOKED = "revoked";

  /** A holder whose certificates have expired. */
  public static final String EXPIRED = "expired";

  /** An Android smartphone JPKI token. */
  public static final String SMARTPHONE = "smartphone";

  /** The default card with its text-AP 4 info altered after signing. */
  public static final String TAMPERED = "tampered";

  /** The address the {@code tampered} persona's text AP EF 0002 carries instead of the signed one. */
  public static final String TAMPERED_ADDRESS = "東京都千代田区霞が関９－９－９";

  private static final LocalDate MINOR_EXPIRY = LocalDate.of(2028, 8, 20);

  private static final List<String> NAMES =
      List.of(DEFAULT, MINOR, FACE_AUTH, REVOKED, EXPIRED, SMARTPHONE, TAMPERED);

  private static final Map<String, Supplier<Persona>> FACTORIES =
      Map.of(
          DEFAULT, () -> hanako(DEFAULT, 1).build(),
          MINOR,
              () ->
                  base(MINOR, 2)
                      .name("試験 次郎")
                      .birthDate(LocalDate.of(2010, 8, 20))
                      .sex(Sex.MALE)
                      .myNumber(myNumber("23456789012"))
                      .securityCode("1111")
                      // Issued at 13: card and certificates end on the 5th birthday strictly after
                      // 2024-06-01 (2024-08-20 is the 1st), 2028-08-20 (FAQ Q2-5, Q3-3).
                      .cardExpiry(MINOR_EXPIRY)
                      .certificateValidity(LocalDate.of(2024, 6, 1), MINOR_EXPIRY)
                      .build(),
          FACE_AUTH,
              () ->
                  base(FACE_AUTH, 3)
                      .name("試験 三郎")
                      .birthDate(LocalDate.of(1975, 11, 3))
                      .sex(Sex.MALE)
                      .myNumber(myNumber("34567890123"))
                      .securityCode("3333")
                      .noPins()
                      .build(),
          REVOKED,
              () ->
                  base(REVOKED, TestPki.REVOKED_PERSONA_NUMBER)
                      .name("試験 和子")
                      .birthDate(LocalDate.of(1985, 2, 17))
                      .sex(Sex.FEMALE)
                      .myNumber(myNumber("45678901234"))
                      .securityCode("4444")
                      .build(),
          EXPIRED,
              () ->
                  base(EXPIRED, 5)
                      .name("試験 五郎")
                      .birthDate(LocalDate.of(1988, 3, 10))
                      .sex(Sex.MALE)
                      .myNumber(myNumber("56789012345"))
                      .securityCode("5555")
                      .cardIssued(LocalDate.of(2019, 6, 1))
                      .build(),
          SMARTPHONE, () -> hanako(SMARTPHONE, 6).smartphone().build(),
          TAMPERED,
              () ->
                  hanako(TAMPERED, 1)
                      .keyPrefix(DEFAULT)
                      .identitySeed(DEFAULT)
                      .tamperAddress(TAMPERED_ADDRESS)
                      .build());

  private static final Map<String, Persona> CACHE = new ConcurrentHashMap<>();

  private Personas() {}

  /**
   * A built-in persona, built on first use.
   *
   * @param name one of {@link #names()}
   * @return the persona
   * @throws IllegalArgumentException for an unknown name (the message lists the known ones)
   */
  public static Persona get(String name) {
    Supplier<Persona> f = FACTORIES.get(name);
    if (f == null) {
      throw new IllegalArgumentException("unknown persona '" + name + "'; known: " + NAMES);
    }
    return CACHE.computeIfAbsent(name, n -> f.get());
  }

  /**
   * The built-in persona names, {@code default} first.
   *
   * @return an unmodifiable list
   */
  public static List<String> names() {
    return NAMES;
  }

  private static Persona.Builder base(String id, int number) {
    return Persona.builder(id)
        .keyPrefix(id)
        .address("東京都千代田区霞が関1-1-1")
        .serials(
            TestPki.builtInPersonaSerial(KeyType.AUTHENTICATION, number),
            TestPki.builtInPersonaSerial(KeyType.SIGNATURE, number));
  }

  /** docs/cli.md "Default persona": 試験 花子. */
  private static Persona.Builder hanako(String id, int number) {
    return base(id, number)
        .name("試験 花子")
        .birthDate(LocalDate.of(1990, 5, 15))
        .sex(Sex.FEMALE)
        .myNumber("123456789018")
        .securityCode("5678");
  }

  private static String myNumber(String first11) {
    return first11 + CardCodes.myNumberCheckDigit(first11);
  }
}
