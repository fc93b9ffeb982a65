// SPDX-License-Identifier: Apache-2.0
package dev.jpki.examples;

import dev.jpki.Jpki;
import dev.jpki.apdu.CardTransport;
import dev.jpki.card.KeyType;
import dev.jpki.card.MyNumberCard;
import dev.jpki.card.Pin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Writes the card's four certificates as PEM: the authentication certificate and its CA certificate need no
 * PIN; the signature certificate carries the 4 info (name, address, birth date, sex), so the card releases it
 * only after the signature password. Nothing personal is printed. Run: {@code JPKI_SIGN_PASSWORD=ABC123 java
 * ... dev.jpki.examples.ReadCertificates --virtual OUT_DIR}
 */
public final class ReadCertificates {
  private ReadCertificates() {}

  /**
   * Reads the certificates into {@code dir}.
   *
   * @param transport a connected card; closed afterwards
   * @param password the signature password
   * @param dir an existing directory
   * @return the files written: auth.pem, auth-ca.pem, sign.pem, sign-ca.pem
   * @throws Exception a wrong password (PinException), a card or file failure
   */
  public static List<Path> read(CardTransport transport, char[] password, Path dir) throws Exception {
    List<Path> files = new ArrayList<>();
    try (MyNumberCard card = Jpki.open(transport); Pin pw = Pin.signaturePassword(password)) {
      files.add(pem(dir.resolve("auth.pem"), card.jpki().authCertificate()));
      files.add(pem(dir.resolve("auth-ca.pem"), card.jpki().caCertificate(KeyType.AUTHENTICATION)));
      files.add(pem(dir.resolve("sign.pem"), card.jpki().signatureCertificate(pw)));
      files.add(pem(dir.resolve("sign-ca.pem"), card.jpki().caCertificate(KeyType.SIGNATURE)));
    }
    return files;
  }

  private static Path pem(Path file, X509Certificate cert) throws Exception {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded());
    return Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n");
  }

  /**
   * Entry point: {@code [--virtual] OUT_DIR}; the password from {@code JPKI_SIGN_PASSWORD}.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    ExampleMain.run("ReadCertificates", () -> {
      if (args.length < 1) {
        throw new IllegalArgumentException("usage: ReadCertificates [--virtual] OUT_DIR");
      }
      for (Path p : read(ExampleMain.card(args), ExampleMain.secret("JPKI_SIGN_PASSWORD"),
          Path.of(args[args.length - 1]))) {
        System.out.println("wrote " + p);
      }
    });
  }
}
