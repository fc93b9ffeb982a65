// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import dev.jpki.verify.flow.Registration;
import dev.jpki.verify.flow.RegistrationStore;
import dev.jpki.verify.flow.RegistrationStoreException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The CLI's registration store for {@code face-check}: one line per registration in a text file, so a
 * {@code face-check --register} and a later {@code face-check} in another process meet. Holds digests,
 * the certificate's issuer and serial, dates and the account id; no card data. Not for concurrent
 * writers (a server uses a database-backed store).
 */
final class FileRegistrationStore implements RegistrationStore {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private final Path file;

  FileRegistrationStore(Path file) {
    this.file = file;
  }

  private List<Registration> load() throws RegistrationStoreException {
    List<Registration> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t", -1);
        if (f.length != 7) {
          throw new RegistrationStoreException("registration file " + file + " has a malformed line", null);
        }
        out.add(Registration.restore(new String(B64D.decode(f[0]), StandardCharsets.UTF_8),
            HexFormat.of().parseHex(f[1]), HexFormat.of().parseHex(f[2]),
            new String(B64D.decode(f[3]), StandardCharsets.UTF_8), new BigInteger(f[4], 16),
            Instant.parse(f[5]), Instant.parse(f[6])));
      }
    } catch (IOException | IllegalArgumentException | java.time.DateTimeException e) {
      throw new RegistrationStoreException("registration file " + file + " cannot be read", e);
    }
    return out;
  }

  private void write(List<Registration> all) throws RegistrationStoreException {
    StringBuilder sb = new StringBuilder();
    for (Registration r : all) {
      sb.append(B64.encodeToString(r.accountId().getBytes(StandardCharsets.UTF_8))).append('\t')
          .append(HexFormat.of().formatHex(r.cardKeyDigest())).append('\t')
          .append(HexFormat.of().formatHex(r.authCertificateDigest())).append('\t')
          .append(B64.encodeToString(r.authCertificateIssuer().getBytes(StandardCharsets.UTF_8))).append('\t')
          .append(r.authCertificateSerial().toString(16)).append('\t')
          .append(r.authCertificateNotAfter()).append('\t')
          .append(r.registeredAt()).append('\n');
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent == null) {
        throw new IOException("a root directory is not a file");
      }
      Files.createDirectories(parent);
      Path tmp = Files.createTempFile(parent, ".registrations", ".tmp");
      Files.writeString(tmp, sb, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new RegistrationStoreException("registration file " + file + " cannot be written", e);
    }
  }

  @Override
  public synchronized void save(Registration registration) throws RegistrationStoreException {
    List<Registration> all = load();
    all.removeIf(r -> MessageDigest.isEqual(r.cardKeyDigest(), registration.cardKeyDigest()));
    all.add(registration);
    write(all);
  }

  @Override
  public synchronized Optional<Registration> findByCardKey(byte[] cardKeyDigest) throws RegistrationStoreException {
    return load().stream().filter(r -> MessageDigest.isEqual(r.cardKeyDigest(), cardKeyDigest)).findFirst();
  }

  @Override
  public synchronized List<Registration> findByAccount(String accountId) throws RegistrationStoreException {
    List<Registration> out = new ArrayList<>();
    for (Registration r : load()) {
      if (r.accountId().equals(accountId)) {
        out.add(r);
      }
    }
    return out;
  }

  @Override
  public synchronized boolean remove(byte[] cardKeyDigest) throws RegistrationStoreException {
    List<Registration> all = load();
    boolean removed = all.removeIf(r -> MessageDigest.isEqual(r.cardKeyDigest(), cardKeyDigest));
    if (removed) {
      write(all);
    }
    return removed;
  }
}
