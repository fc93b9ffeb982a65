// SPDX-License-Identifier: Apache-2.0
package dev.jpki.jdbc;

import dev.jpki.verify.flow.Registration;
import dev.jpki.verify.flow.RegistrationStore;
import dev.jpki.verify.flow.RegistrationStoreException;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link RegistrationStore} in a database table ({@code jpki_registration}, created by
 * {@link SchemaMigrations}): face-to-face registrations survive restarts and are shared by every server
 * instance. Only digests, the issuer name, serial and dates are stored, no personal data.
 *
 * <p>{@link #save} replaces the registration of the same card key in one transaction (delete + insert),
 * so a failure leaves the previous registration or the new one, never neither. Every {@link SQLException}
 * becomes a {@link RegistrationStoreException} whose message names no stored value.
 *
 * <p>Thread-safe; give it a pooled {@link DataSource} in a server.
 */
public final class JdbcRegistrationStore implements RegistrationStore {
  private static final HexFormat HEX = HexFormat.of();
  private static final String COLUMNS = "account_id, card_key_sha256, auth_cert_sha256, auth_cert_issuer,"
      + " auth_cert_serial, auth_cert_not_after, registered_at";

  private final DataSource dataSource;

  /**
   * Creates a store.
   *
   * @param dataSource the database, with the schema applied ({@link SchemaMigrations#migrate})
   */
  public JdbcRegistrationStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  @Override
  public void save(Registration registration) throws RegistrationStoreException {
    String key = HEX.formatHex(registration.cardKeyDigest());
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM jpki_registration WHERE card_key_sha256 = ?")) {
          p.setString(1, key);
          p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement(
            "INSERT INTO jpki_registration (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
          p.setString(1, registration.accountId());
          p.setString(2, key);
          p.setString(3, HEX.formatHex(registration.authCertificateDigest()));
          p.setString(4, registration.authCertificateIssuer());
          p.setString(5, registration.authCertificateSerial().toString(16));
          p.setLong(6, registration.authCertificateNotAfter().toEpochMilli());
          p.setLong(7, registration.registeredAt().toEpochMilli());
          p.executeUpdate();
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failed("save", e);
    }
  }

  @Override
  public Optional<Registration> findByCardKey(byte[] cardKeyDigest) throws RegistrationStoreException {
    List<Registration> found = query("SELECT " + COLUMNS + " FROM jpki_registration WHERE card_key_sha256 = ?",
        HEX.formatHex(cardKeyDigest));
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public List<Registration> findByAccount(String accountId) throws RegistrationStoreException {
    return query("SELECT " + COLUMNS + " FROM jpki_registration WHERE account_id = ?"
        + " ORDER BY registered_at, card_key_sha256", accountId);
  }

  @Override
  public boolean remove(byte[] cardKeyDigest) throws RegistrationStoreException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement p = c.prepareStatement("DELETE FROM jpki_registration WHERE card_key_sha256 = ?")) {
      p.setString(1, HEX.formatHex(cardKeyDigest));
      return p.executeUpdate() > 0;
    } catch (SQLException e) {
      throw failed("remove", e);
    }
  }

  private List<Registration> query(String sql, String arg) throws RegistrationStoreException {
    try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, arg);
      List<Registration> out = new ArrayList<>();
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(Registration.restore(r.getString(1), HEX.parseHex(r.getString(2)), HEX.parseHex(r.getString(3)),
              r.getString(4), new BigInteger(r.getString(5), 16), Instant.ofEpochMilli(r.getLong(6)),
              Instant.ofEpochMilli(r.getLong(7))));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failed("read", e);
    } catch (IllegalArgumentException e) {
      throw new RegistrationStoreException("a stored registration is malformed", e);
    }
  }

  private static RegistrationStoreException failed(String what, SQLException e) {
    return new RegistrationStoreException("registration database failed (" + what + ", SQLState "
        + e.getSQLState() + ")", e);
  }
}
