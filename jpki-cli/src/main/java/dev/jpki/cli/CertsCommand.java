// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.jpki.card.JpkiApplet;
import dev.jpki.card.KeyType;
import dev.jpki.card.Pin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jpki certs --out DIR [--sign]}: writes the authentication certificate and its CA (no PIN), and
 * with {@code --sign} the signature certificate and its CA (needs the signature password).
 */
@Command(name = "certs", description = "Write the card's certificates as PEM (auth without PIN; --sign needs the password).")
final class CertsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write to.")
  Path out = Path.of(".");

  @Option(names = "--sign", description = "Also read the signature certificate (asks for the signature password).")
  boolean sign;

  @Override
  public Integer call() throws Exception {
    Main main = Main.root(spec);
    char[] password = sign ? Secrets.read(main, main.passwordEnv, "--password-env", "signature password (6-16 A-Z/0-9)") : new char[0];
    List<X509Certificate> certs;
    // Format checked here, before the card is opened: a malformed password never costs a try.
    @Nullable Pin pw = sign ? Pin.signaturePassword(password) : null;
    try {
      certs = CardSupport.withCard(main, card -> {
        JpkiApplet jpki = card.jpki();
        List<X509Certificate> l = new ArrayList<>();
        boolean phone = card.info().tokenType().isSmartphone();
        if (phone) {
          // Smartphone tokens protect the auth certificate with the auth PIN (docs/card-protocol.md §5.2).
          char[] pin = Secrets.read(main, main.pinEnv, "--pin-env", "user-authentication PIN (4 digits)");
          try (Pin p = Pin.authentication(pin)) {
            l.add(jpki.authCertificate(p, CardSupport.verifyOptions(main)));
          } finally {
            Secrets.wipe(pin);
          }
        } else {
          l.add(jpki.authCertificate());
        }
        l.add(jpki.caCertificate(KeyType.AUTHENTICATION));
        if (pw != null) {
          l.add(jpki.signatureCertificate(pw, CardSupport.verifyOptions(main)));
          l.add(jpki.caCertificate(KeyType.SIGNATURE));
        }
        return l;
      });
    } finally {
      Secrets.wipe(password);
      if (pw != null) {
        pw.close();
      }
    }
    String[] names = {"auth.pem", "auth-ca.pem", "sign.pem", "sign-ca.pem"};
    ArrayNode files = Output.array();
    StringBuilder text = new StringBuilder();
    try {
      Files.createDirectories(out);
      for (int i = 0; i < certs.size(); i++) {
        Path f = out.resolve(names[i]);
        Files.write(f, pem(certs.get(i)));
        files.add(f.toString());
        text.append(f).append('\n');
      }
    } catch (IOException e) {
      throw new CliException(ExitCode.USAGE, "cannot write to " + out + ": " + e.getMessage(), e);
    }
    main.output().print(Output.object().set("files", files), text.toString());
    return ExitCode.OK;
  }

  static byte[] pem(X509Certificate c) throws CertificateEncodingException {
    String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(c.getEncoded());
    return ("-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n").getBytes(StandardCharsets.US_ASCII);
  }
}
