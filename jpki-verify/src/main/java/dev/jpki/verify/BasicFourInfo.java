// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import dev.jpki.card.Sex;
import dev.jpki.verify.internal.X509Ext;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;
import org.jspecify.annotations.Nullable;

/**
 * The basic 4 info (基本4情報: name, date of birth, sex, address) from a JPKI signature certificate's
 * subjectAltName (docs/card-protocol.md §9.3), with the substitute-character maps of name and address.
 *
 * <p>Name and address are as in the resident record, with characters outside the encodable set replaced
 * by substitutes; the maps mark those positions with {@code 1}. The user-authentication certificate
 * carries none of this (docs/card-protocol.md §9.4, FAQ Q3-1).
 *
 * <p>Personal data: {@link #toString()} is masked; never log the accessors' values.
 */
public final class BasicFourInfo {
  /** OID arc of the JPKI subjectAltName otherNames (docs/card-protocol.md §9.3). */
  public static final String OID_ARC = "1.2.392.200149.8.5.5";
  /** 氏名. */
  public static final String OID_NAME = OID_ARC + ".1";
  /** Substitute-character map of the name. */
  public static final String OID_NAME_SUBSTITUTIONS = OID_ARC + ".2";
  /** 性別. */
  public static final String OID_SEX = OID_ARC + ".3";
  /** 生年月日. */
  public static final String OID_DATE_OF_BIRTH = OID_ARC + ".4";
  /** 住所. */
  public static final String OID_ADDRESS = OID_ARC + ".5";
  /** Substitute-character map of the address. */
  public static final String OID_ADDRESS_SUBSTITUTIONS = OID_ARC + ".6";

  private final String name;
  private final @Nullable String nameSubstitutions;
  private final BirthDate dateOfBirth;
  private final Sex sex;
  private final String address;
  private final @Nullable String addressSubstitutions;

  private BasicFourInfo(String name, @Nullable String nameSubstitutions, BirthDate dateOfBirth, Sex sex,
      String address, @Nullable String addressSubstitutions) {
    this.name = name;
    this.nameSubstitutions = nameSubstitutions;
    this.dateOfBirth = dateOfBirth;
    this.sex = sex;
    this.address = address;
    this.addressSubstitutions = addressSubstitutions;
  }

  /**
   * Reads the basic 4 info from a signature certificate. This does not validate the certificate: use
   * {@link CertificateValidator} first.
   *
   * @param certificate a JPKI signature certificate
   * @return the 4 info
   * @throws BadInputException if the subjectAltName is missing or malformed, or lacks the name, date of
   *     birth, sex or address, or a value is not in its documented form
   */
  public static BasicFourInfo fromCertificate(X509Certificate certificate) throws BadInputException {
    @Nullable String[] v = read(certificate);
    String[] labels = {"name", "name substitution map", "sex", "date of birth", "address", "address substitution map"};
    for (int i : new int[] {0, 2, 3, 4}) {
      if (v[i] == null) {
        throw new BadInputException("subjectAltName " + labels[i], -1, "missing");
      }
    }
    String sexText = Objects.requireNonNull(v[2]);
    if (sexText.length() != 1 || !Character.isDigit(sexText.charAt(0))) {
      throw new BadInputException("subjectAltName sex", -1, "not a single digit");
    }
    Sex sex;
    try {
      sex = Sex.fromCertificateCode(sexText.charAt(0));
    } catch (IllegalArgumentException e) {
      throw new BadInputException("subjectAltName sex", -1, "code is not 1, 2 or 3");
    }
    // BirthDate refuses an era code contradicting the date: two statements of one fact, neither trusted
    BirthDate dob = BirthDate.parse(Objects.requireNonNull(v[3]));
    checkMap(v[1], "name substitution map");
    checkMap(v[5], "address substitution map");
    return new BasicFourInfo(Objects.requireNonNull(v[0]), v[1], dob, sex, Objects.requireNonNull(v[4]), v[5]);
  }

  /**
   * Whether a certificate's subjectAltName carries any of the basic 4 info OIDs (an authentication
   * certificate must not, docs/card-protocol.md §9.4).
   *
   * @param certificate the certificate
   * @return true if any JPKI personal-data otherName is present
   * @throws BadInputException if the subjectAltName is malformed
   */
  public static boolean isPresentIn(X509Certificate certificate) throws BadInputException {
    for (String s : read(certificate)) {
      if (s != null) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable String[] read(X509Certificate certificate) throws BadInputException {
    @Nullable String[] out = new String[6];
    ASN1Primitive san = X509Ext.value(certificate, X509Ext.SUBJECT_ALT_NAME);
    if (san == null) {
      return out;
    }
    GeneralName[] names;
    try {
      names = GeneralNames.getInstance(san).getNames();
    } catch (RuntimeException e) {
      throw new BadInputException("subjectAltName", -1, "malformed", e);
    }
    for (GeneralName g : names) {
      if (g.getTagNo() != GeneralName.otherName) {
        continue;
      }
      OtherName on;
      try {
        on = OtherName.getInstance(g.getName());
      } catch (RuntimeException e) {
        throw new BadInputException("subjectAltName otherName", -1, "malformed", e);
      }
      ASN1ObjectIdentifier type = on.getTypeID();
      String id = type.getId();
      if (!id.startsWith(OID_ARC + ".")) {
        continue;
      }
      int idx;
      try {
        idx = Integer.parseInt(id.substring(OID_ARC.length() + 1)) - 1;
      } catch (NumberFormatException e) {
        continue;
      }
      if (idx < 0 || idx > 5) {
        continue;
      }
      if (out[idx] != null) {
        throw new BadInputException("subjectAltName " + id, -1, "appears twice");
      }
      out[idx] = text(on.getValue(), id);
    }
    return out;
  }

  private static String text(ASN1Encodable value, String id) throws BadInputException {
    ASN1Encodable v = value;
    // [0] EXPLICIT may or may not have been unwrapped by the parser
    if (v instanceof ASN1TaggedObject) {
      v = ((ASN1TaggedObject) v).getBaseObject();
    }
    if (v instanceof ASN1String) {
      try {
        return ((ASN1String) v).getString();
      } catch (RuntimeException e) {
        throw new BadInputException("subjectAltName " + id, -1, "value is not valid text", e);
      }
    }
    throw new BadInputException("subjectAltName " + id, -1, "value is not a string");
  }

  private static void checkMap(@Nullable String map, String label) throws BadInputException {
    if (map == null) {
      return;
    }
    for (int i = 0; i < map.length(); i++) {
      char c = map.charAt(i);
      if (c != '0' && c != '1') {
        throw new BadInputException("subjectAltName " + label, i, "only 0 and 1 are allowed");
      }
    }
  }

  /**
   * Returns the name (氏名); family and given name separated by U+3000.
   *
   * @return the name, possibly with substitute characters
   */
  public String name() {
    return name;
  }

  /**
   * Returns the name's substitute-character map.
   *
   * @return one digit per character ({@code 1} = substituted), if present
   */
  public Optional<String> nameSubstitutions() {
    return Optional.ofNullable(nameSubstitutions);
  }

  /**
   * Returns the date of birth.
   *
   * @return the date, possibly partly unknown
   */
  public BirthDate dateOfBirth() {
    return dateOfBirth;
  }

  /**
   * Returns the sex.
   *
   * @return the sex code's value
   */
  public Sex sex() {
    return sex;
  }

  /**
   * Returns the address (住所), from the prefecture, without postcode.
   *
   * @return the address, possibly with substitute characters
   */
  public String address() {
    return address;
  }

  /**
   * Returns the address's substitute-character map.
   *
   * @return one digit per character ({@code 1} = substituted), if present
   */
  public Optional<String> addressSubstitutions() {
    return Optional.ofNullable(addressSubstitutions);
  }

  /**
   * Whether the name or address contains substitute characters (so it may differ from the printed card).
   *
   * @return true if either map has a {@code 1}
   */
  public boolean hasSubstitutedCharacters() {
    return (nameSubstitutions != null && nameSubstitutions.indexOf('1') >= 0)
        || (addressSubstitutions != null && addressSubstitutions.indexOf('1') >= 0);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof BasicFourInfo b)) {
      return false;
    }
    return name.equals(b.name) && Objects.equals(nameSubstitutions, b.nameSubstitutions)
        && dateOfBirth.equals(b.dateOfBirth) && sex == b.sex && address.equals(b.address)
        && Objects.equals(addressSubstitutions, b.addressSubstitutions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, nameSubstitutions, dateOfBirth, sex, address, addressSubstitutions);
  }

  /** Masked: shows no personal data. */
  @Override
  public String toString() {
    return "BasicFourInfo[name=<redacted>, dateOfBirth=<redacted>, sex=<redacted>, address=<redacted>]";
  }
}
