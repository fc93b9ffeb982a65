// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The data files of the JPKI AP (docs/card-protocol.md §5.1), byte-exact. Immutable; build with {@link #of}.
 *
 * <ul>
 *   <li>EF 0006 (160 bytes): PKCS#11 {@code CK_TOKEN_INFO} with 32-bit big-endian integers; label
 *       space-padded to 32 bytes ({@code JPKIAPICCTOKEN2} / {@code JPKIAPGPSETOKEN}); flags {@code
 *       0x040D}, PIN length 16/6, versions {@code "03"}/{@code "01"}, memory fields {@code FFFFFFFF}
 *       (the values seen on a card, docs/card-protocol.md §5.1)
 *   <li>EF 0008 (3 bytes): {@code 8F} for each certificate present (sign, auth), then {@code 00}
 *   <li>EF 0001 / 0002 / 000A / 000B: DER certificate + {@code FF} filler to a 2048-byte EF (more in
 *       256-byte steps if needed); the file starts with {@code 30 82 LL LL} (docs/card-protocol.md §3.3, §15)
 * </ul>
 */
public final class JpkiApData {
  /** Physical size of a certificate EF unless the certificate needs more. Our choice (UNCONFIRMED). */
  public static final int CERTIFICATE_EF_SIZE = 2048;

  private final byte[] tokenInfo;
  private final byte[] availability;
  private final byte @Nullable [] signCertificate;
  private final byte[] signCa;
  private final byte[] authCertificate;
  private final byte[] authCa;

  private JpkiApData(
      byte[] tokenInfo,
      byte[] availability,
      byte @Nullable [] signCertificate,
      byte[] signCa,
      byte[] authCertificate,
      byte[] authCa) {
    this.tokenInfo = tokenInfo;
    this.availability = availability;
    this.signCertificate = signCertificate;
    this.signCa = signCa;
    this.authCertificate = authCertificate;
    this.authCa = authCa;
  }

  /**
   * Encodes the JPKI AP files.
   *
   * @param token the token kind (EF 0006 label)
   * @param serialNumber the 16-character token serial in EF 0006 (ASCII)
   * @param authCertificate the user-authentication certificate (EF 000A)
   * @param signCertificate the signature certificate (EF 0001), or null when the card has none
   * @param authRoot the auth CA certificate (EF 000B)
   * @param signRoot the sign CA certificate (EF 0002)
   * @return the files
   */
  public static JpkiApData of(
      TokenType token,
      String serialNumber,
      X509Certificate authCertificate,
      @Nullable X509Certificate signCertificate,
      X509Certificate authRoot,
      X509Certificate signRoot) {
    byte[] availability = {
      signCertificate != null ? (byte) 0x8F : 0x00, (byte) 0x8F, 0x00
    };
    return new JpkiApData(
        tokenInfo(token, serialNumber),
        availability,
        signCertificate != null ? certificateFile(signCertificate) : null,
        certificateFile(signRoot),
        certificateFile(authCertificate),
        certificateFile(authRoot));
  }

  /**
   * A PKCS#11 CK_TOKEN_INFO as the card serialises it (docs/card-protocol.md §5.1).
   *
   * @param token the label
   * @param serialNumber up to 16 ASCII characters
   * @return 160 bytes
   */
  public static byte[] tokenInfo(TokenType token, String serialNumber) {
    byte[] b = new byte[160];
    Arrays.fill(b, (byte) ' ');
    put(b, 0, token.label(), 32);
    put(b, 32, "JPKI-JAVA TESTKIT", 32); // manufacturerID
    put(b, 64, "VIRTUAL", 16); // model
    put(b, 80, serialNumber, 16);
    int[] words = {0x040D, 1, 0, 1, 0, 16, 6, -1, -1, -1, -1};
    for (int i = 0; i < words.length; i++) {
      int off = 96 + 4 * i;
      b[off] = (byte) (words[i] >>> 24);
      b[off + 1] = (byte) (words[i] >>> 16);
      b[off + 2] = (byte) (words[i] >>> 8);
      b[off + 3] = (byte) words[i];
    }
    put(b, 140, "03", 2); // hardwareVersion slot as seen on a card
    put(b, 142, "01", 2); // firmwareVersion slot
    return b; // utcTime (144..159) stays spaces
  }

  private static void put(byte[] b, int off, String s, int max) {
    byte[] v = s.getBytes(StandardCharsets.US_ASCII);
    if (v.length > max) {
      throw new IllegalArgumentException("token info field longer than " + max + " bytes");
    }
    System.arraycopy(v, 0, b, off, v.length);
  }

  static byte[] certificateFile(X509Certificate c) {
    try {
      byte[] der = c.getEncoded();
      int size = Math.max(CERTIFICATE_EF_SIZE, ((der.length + 255) / 256) * 256);
      byte[] out = Arrays.copyOf(der, size);
      Arrays.fill(out, der.length, size, (byte) 0xFF);
      return out;
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode certificate", e);
    }
  }

  /**
   * EF 0006 token info, 160 bytes.
   *
   * @return a copy
   */
  public byte[] tokenInfoFile() {
    return tokenInfo.clone();
  }

  /**
   * EF 0008 certificate availability, 3 bytes.
   *
   * @return a copy
   */
  public byte[] availabilityFile() {
    return availability.clone();
  }

  /**
   * EF 0001 signature certificate + filler, if the card has one.
   *
   * @return a copy, or empty
   */
  public Optional<byte[]> signCertificateFile() {
    return signCertificate == null ? Optional.empty() : Optional.of(signCertificate.clone());
  }

  /**
   * EF 0002 signature CA certificate + filler.
   *
   * @return a copy
   */
  public byte[] signCaFile() {
    return signCa.clone();
  }

  /**
   * EF 000A user-authentication certificate + filler.
   *
   * @return a copy
   */
  public byte[] authCertificateFile() {
    return authCertificate.clone();
  }

  /**
   * EF 000B user-authentication CA certificate + filler.
   *
   * @return a copy
   */
  public byte[] authCaFile() {
    return authCa.clone();
  }

  @Override
  public String toString() {
    return "JpkiApData[signCertificate=" + (signCertificate != null) + "]";
  }
}
