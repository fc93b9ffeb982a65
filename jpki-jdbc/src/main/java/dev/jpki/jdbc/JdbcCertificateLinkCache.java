// SPDX-License-Identifier: Apache-2.0
package dev.jpki.jdbc;

import dev.jpki.verify.flow.CertificateId;
import dev.jpki.verify.flow.CertificateLinkException;
import dev.jpki.verify.flow.CertificateLinkService;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CertificateLinkService} that remembers the answers of another one (the platform operator's
 * client for the J-LIS link information, see docs/faq-flows.md) in a database table
 * ({@code jpki_certificate_link}, created by {@link SchemaMigrations}), so that every server instance
 * sharing the database asks the operator once per certificate and max age, and answers survive restarts.
 *
 * <p>A query first reads the table. A fresh answer (fetched less than {@link Builder#maxAge} ago, by this
 * or any other instance) is returned without calling the delegate; "no link" is an answer too and is
 * cached the same way. Otherwise the delegate is asked and its answer is stored with the fetch time.
 * When the delegate throws a {@link CertificateLinkException}, that same exception propagates: the cache
 * never makes up an answer. Only if the builder opted in with {@link Builder#serveStaleOnFailure} is an
 * expired cached answer returned instead.
 *
 * <p>Entries are keyed by the SPI's certificate identity, {@link CertificateId} (issuer and serial),
 * hashed with SHA-256 to a fixed-length key. Only issuer names, serial numbers and times are stored: no
 * subject data. A database failure becomes a {@link CertificateLinkException} whose message carries the
 * SQLState and no stored value; callers such as {@code AccountLinker} then create no account, as for any link failure.
 *
 * <p>Thread-safe if the delegate is; give it a pooled {@link DataSource} in a server.
 */
public final class JdbcCertificateLinkCache implements CertificateLinkService {
  /**
   * Default maximum age of a cached answer. How soon J-LIS link data reflects a renewal is not
   * documented publicly (UNCONFIRMED), so this is configurable through {@link Builder#maxAge}.
   */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(24);

  private static final HexFormat HEX = HexFormat.of();
  private static final String PREDECESSOR = "predecessor";
  /** Unique-key violation: another instance stored the same answer at the same moment. */
  private static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;
  private final CertificateLinkService delegate;
  private final Clock clock;
  private final long maxAgeMillis;
  private final boolean serveStaleOnFailure;

  private JdbcCertificateLinkCache(Builder b) {
    this.dataSource = b.dataSource;
    this.delegate = b.delegate;
    this.clock = b.clock;
    this.maxAgeMillis = b.maxAge.toMillis();
    this.serveStaleOnFailure = b.serveStaleOnFailure;
  }

  /**
   * Starts a builder.
   *
   * @param dataSource the database, with the schema applied ({@link SchemaMigrations#migrate})
   * @param delegate the service that actually answers (the platform operator's client)
   * @return a builder with {@link #DEFAULT_MAX_AGE}, the system UTC clock and no stale answers
   */
  public static Builder builder(DataSource dataSource, CertificateLinkService delegate) {
    return new Builder(dataSource, delegate);
  }

  @Override
  public Optional<CertificateId> predecessorOf(CertificateId current) throws CertificateLinkException {
    return lookup(PREDECESSOR, current);
  }

  /** Configuration only: no certificate data. */
  @Override
  public String toString() {
    return "JdbcCertificateLinkCache[maxAge=" + Duration.ofMillis(maxAgeMillis) + ", serveStaleOnFailure="
        + serveStaleOnFailure + "]";
  }

  private Optional<CertificateId> lookup(String kind, CertificateId id) throws CertificateLinkException {
    Objects.requireNonNull(id, "certificate id");
    String key = key(id);
    Cached cached = read(kind, key);
    if (cached != null && clock.millis() - cached.fetchedAt < maxAgeMillis) {
      return cached.answer;
    }
    Optional<CertificateId> answer;
    try {
      answer = Objects.requireNonNull(
          delegate.predecessorOf(id),
          "the delegate link service returned null");
    } catch (CertificateLinkException e) {
      if (serveStaleOnFailure && cached != null) {
        return cached.answer;
      }
      throw e;
    }
    write(kind, key, answer, clock.millis());
    return answer;
  }

  private @Nullable Cached read(String kind, String key) throws CertificateLinkException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement p = c.prepareStatement("SELECT linked_issuer, linked_serial, fetched_at"
            + " FROM jpki_certificate_link WHERE link_kind = ? AND cert_key = ?")) {
      p.setString(1, kind);
      p.setString(2, key);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return null;
        }
        String issuer = r.getString(1);
        String serial = r.getString(2);
        long fetchedAt = r.getLong(3);
        if (issuer == null || serial == null) {
          return new Cached(Optional.empty(), fetchedAt);
        }
        try {
          return new Cached(Optional.of(CertificateId.of(issuer, new BigInteger(serial, 16))), fetchedAt);
        } catch (IllegalArgumentException e) {
          // A row written by something else than this class: ask the delegate again and overwrite it.
          return null;
        }
      }
    } catch (SQLException e) {
      throw failed("read", e);
    }
  }

  /**
   * Stores an answer: update the row if there is one, else insert. Two instances inserting the same key
   * at once make one insert fail with a unique violation; the other's answer is as good, so that is
   * ignored.
   */
  private void write(String kind, String key, Optional<CertificateId> answer, long fetchedAt)
      throws CertificateLinkException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      try (PreparedStatement p = c.prepareStatement("UPDATE jpki_certificate_link SET linked_issuer = ?,"
          + " linked_serial = ?, fetched_at = ? WHERE link_kind = ? AND cert_key = ?")) {
        bindAnswer(p, answer, fetchedAt);
        p.setString(4, kind);
        p.setString(5, key);
        if (p.executeUpdate() > 0) {
          return;
        }
      }
      try (PreparedStatement p = c.prepareStatement("INSERT INTO jpki_certificate_link"
          + " (linked_issuer, linked_serial, fetched_at, link_kind, cert_key) VALUES (?, ?, ?, ?, ?)")) {
        bindAnswer(p, answer, fetchedAt);
        p.setString(4, kind);
        p.setString(5, key);
        p.executeUpdate();
      } catch (SQLException e) {
        if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw e;
        }
      }
    } catch (SQLException e) {
      throw failed("write", e);
    }
  }

  private static void bindAnswer(PreparedStatement p, Optional<CertificateId> answer, long fetchedAt)
      throws SQLException {
    if (answer.isPresent()) {
      p.setString(1, answer.get().issuer());
      p.setString(2, answer.get().serial().toString(16));
    } else {
      p.setNull(1, Types.VARCHAR);
      p.setNull(2, Types.VARCHAR);
    }
    p.setLong(3, fetchedAt);
  }

  /** SHA-256 over the UTF-8 issuer, a NUL byte (never in an RFC 2253 name) and the serial in hex. */
  static String key(CertificateId id) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(id.issuer().getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      md.update(id.serial().toString(16).getBytes(StandardCharsets.US_ASCII));
      return HEX.formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  private static CertificateLinkException failed(String what, SQLException e) {
    return new CertificateLinkException(
        "certificate link cache database failed (" + what + ", SQLState " + e.getSQLState() + ")", e);
  }

  private static final class Cached {
    final Optional<CertificateId> answer;
    final long fetchedAt;

    Cached(Optional<CertificateId> answer, long fetchedAt) {
      this.answer = answer;
      this.fetchedAt = fetchedAt;
    }
  }

  /** Configures a {@link JdbcCertificateLinkCache}. */
  public static final class Builder {
    private final DataSource dataSource;
    private final CertificateLinkService delegate;
    private Clock clock = Clock.systemUTC();
    private Duration maxAge = DEFAULT_MAX_AGE;
    private boolean serveStaleOnFailure;

    private Builder(DataSource dataSource, CertificateLinkService delegate) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /**
     * Sets how long a cached answer is used without asking the delegate again.
     *
     * @param maxAge a positive duration (default {@link #DEFAULT_MAX_AGE})
     * @return this builder
     * @throws IllegalArgumentException if {@code maxAge} is zero or negative
     */
    public Builder maxAge(Duration maxAge) {
      Objects.requireNonNull(maxAge, "maxAge");
      if (maxAge.isZero() || maxAge.isNegative()) {
        throw new IllegalArgumentException("maxAge must be positive");
      }
      this.maxAge = maxAge;
      return this;
    }

    /**
     * Sets the clock that stamps and ages cached answers.
     *
     * @param clock the clock (default {@link Clock#systemUTC()})
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Whether an expired cached answer may be returned when the delegate fails (throws {@link
     * CertificateLinkException}). Off by default: an old answer can miss a
     * renewal that happened since, so opt in only if availability matters more to you than that.
     * Without a cached answer the delegate's exception propagates either way.
     *
     * @param serveStale true to serve expired answers during a delegate outage
     * @return this builder
     */
    public Builder serveStaleOnFailure(boolean serveStale) {
      this.serveStaleOnFailure = serveStale;
      return this;
    }

    /**
     * Builds the cache.
     *
     * @return the cache
     */
    public JdbcCertificateLinkCache build() {
      return new JdbcCertificateLinkCache(this);
    }
  }
}
