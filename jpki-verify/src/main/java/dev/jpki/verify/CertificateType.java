package dev.jpki.verify;

/** The two JPKI end-entity certificate types (spec §9.2, §9.4). */
public enum CertificateType {
  /**
   * 署名用電子証明書: keyUsage digitalSignature + nonRepudiation, the basic 4 info in subjectAltName;
   * lapses when the holder's name or address changes. Production policy {@value #SIGNATURE_POLICY}.
   */
  SIGNATURE,
  /**
   * 利用者証明用電子証明書: keyUsage digitalSignature only, no personal data; for login. Production policy
   * {@value #AUTHENTICATION_POLICY} (single source, spec §9.4: UNCONFIRMED, hence configurable in {@link
   * JpkiProfile}).
   */
  AUTHENTICATION;

  /** Production certificate policy of signature certificates (spec §9.2). */
  public static final String SIGNATURE_POLICY = "1.2.392.200149.8.5.1.1.20";
  /** Production certificate policy of authentication certificates (spec §9.4, UNCONFIRMED). */
  public static final String AUTHENTICATION_POLICY = "1.2.392.200149.8.5.1.3.30";
  /** Policy of signature certificates of the J-LIS test hierarchy ({@code O=JPKI-TEST}, spec §9.4). */
  public static final String TEST_SIGNATURE_POLICY = "1.2.392.200149.8.5.1.0.20";
  /**
   * Policy of authentication certificates of the jpki-testkit test PKI. No J-LIS test value is known;
   * the testkit derives it from the production OID the way the signature test OID differs (spec §9.4).
   */
  public static final String TEST_AUTHENTICATION_POLICY = "1.2.392.200149.8.5.1.2.30";
  /**
   * Reported policy of smartphone (Android/iPhone) signature certificates (spec §9.4, research note
   * only: UNCONFIRMED). Not accepted by default; add it with {@link JpkiProfile.Builder#addPolicy}.
   */
  public static final String SMARTPHONE_SIGNATURE_POLICY = "1.2.392.200149.8.5.1.1.40";
}
