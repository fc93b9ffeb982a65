package dev.jpki.testkit.pki;

/** The two JPKI certificate types, each with its own root (spec §9.1, §9.5). */
public enum CertType {
  /** 署名用電子証明書: signature certificate, JPKI AP EF {@code 0001}, key {@code 001A}. */
  SIGN("JPKI for digital signature", "公的個人認証サービス署名用", "sign"),
  /** 利用者証明用電子証明書: user-authentication certificate, JPKI AP EF {@code 000A}, key {@code 0017}. */
  AUTH("JPKI for user authentication", "公的個人認証サービス利用者証明用", "auth");

  private final String organizationalUnit;
  private final String japaneseUnit;
  private final String fileStem;

  CertType(String organizationalUnit, String japaneseUnit, String fileStem) {
    this.organizationalUnit = organizationalUnit;
    this.japaneseUnit = japaneseUnit;
    this.fileStem = fileStem;
  }

  /**
   * The first OU of the root DN, e.g. {@code "JPKI for digital signature"} (spec §9.1).
   *
   * @return the OU value
   */
  public String organizationalUnit() {
    return organizationalUnit;
  }

  /** The Japanese OU in the root's SAN DirName (spec §9.5). */
  String japaneseUnit() {
    return japaneseUnit;
  }

  /**
   * Short lower-case name used in file names and URIs: {@code "sign"} or {@code "auth"}.
   *
   * @return the stem
   */
  public String fileStem() {
    return fileStem;
  }
}
