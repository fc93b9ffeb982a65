// SPDX-License-Identifier: Apache-2.0
package dev.jpki.jdbc;

import dev.jpki.verify.Challenge;
import dev.jpki.verify.ChallengeStore;
import dev.jpki.verify.ChallengeStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ChallengeStore} in a database table ({@code jpki_challenge}, created by
 * {@link SchemaMigrations}), so every server instance that shares the database can redeem a challenge any
 * of them issued, exactly once.
 *
 * <p><b>Single use across instances.</b> {@link #take} reads the row and then deletes it; only the
 * caller whose {@code DELETE} removes the row (update count 1) gets the challenge. The database's row
 * locking makes that one caller among any number of concurrent ones on any number of instances, with
 * plain SQL that PostgreSQL and H2 both run.
 *
 * <p><b>Bounds.</b> As the {@link ChallengeStore} contract asks: a session keeps at most
 * {@code perSession} outstanding challenges (a new one deletes its oldest), and when the table holds
 * {@code capacity} rows after expired ones are deleted, {@link #put} refuses with
 * {@link ChallengeStoreException.Reason#FULL}. Expired rows are deleted every {@code purgeEvery} puts
 * and by {@link #purgeExpired()}; an expired row that is still there is never accepted, because the
 * verifier checks the expiry it returns.
 *
 * <p><b>Database down.</b> Every {@link SQLException} becomes {@link ChallengeStoreException} with
 * {@link ChallengeStoreException.Reason#UNAVAILABLE}: the verifier then answers INDETERMINATE, never a
 * login. Each call runs in its own auto-commit statements, so a failure leaves nothing half-written.
 *
 * <p><b>Connection pool.</b> Give it a pooled {@link DataSource} (e.g. HikariCP) in a server: every call
 * borrows one connection for two or three short statements.
 *
 * <p>Thread-safe.
 */
public final class JdbcChallengeStore implements ChallengeStore {
  private final DataSource dataSource;
  private final int capacity;
  private final int perSession;
  private final int purgeEvery;
  private final Clock clock;
  private final java.util.concurrent.atomic.AtomicLong puts = new java.util.concurrent.atomic.AtomicLong();

  private JdbcChallengeStore(Builder b) {
    this.dataSource = Objects.requireNonNull(b.dataSource, "dataSource");
    this.capacity = b.capacity;
    this.perSession = b.perSession;
    this.purgeEvery = b.purgeEvery;
    this.clock = b.clock;
  }

  /**
   * Starts a builder.
   *
   * @param dataSource the database, with the schema applied ({@link SchemaMigrations#migrate})
   * @return a builder
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  @Override
  public void put(Challenge entry) {
    String id = entry.encoded();
    long now = clock.millis();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      // Make room in this session first: a visitor asking again and again evicts only its own.
      try (PreparedStatement p = c.prepareStatement("DELETE FROM jpki_challenge WHERE session_id = ? AND id NOT IN"
          + " (SELECT id FROM jpki_challenge WHERE session_id = ? ORDER BY created_at DESC, id DESC LIMIT ?)")) {
        p.setString(1, entry.session());
        p.setString(2, entry.session());
        p.setInt(3, perSession - 1);
        p.executeUpdate();
      }
      if (puts.incrementAndGet() % purgeEvery == 0) {
        purge(c, now);
      }
      if (count(c) >= capacity) {
        purge(c, now);
        if (count(c) >= capacity) {
          throw new ChallengeStoreException(ChallengeStoreException.Reason.FULL,
              "too many outstanding login challenges (" + capacity + "); try again when some have expired", null);
        }
      }
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO jpki_challenge (id, session_id, expires_at, created_at) VALUES (?, ?, ?, ?)")) {
        p.setString(1, id);
        p.setString(2, entry.session());
        p.setLong(3, entry.expiresAt().toEpochMilli());
        p.setLong(4, now);
        p.executeUpdate();
      }
    } catch (SQLException e) {
      throw unavailable("record", e);
    }
  }

  @Override
  public Optional<Challenge> take(String id) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      String session;
      long expires;
      try (PreparedStatement p = c.prepareStatement("SELECT session_id, expires_at FROM jpki_challenge WHERE id = ?")) {
        p.setString(1, id);
        try (ResultSet r = p.executeQuery()) {
          if (!r.next()) {
            return Optional.empty();
          }
          session = r.getString(1);
          expires = r.getLong(2);
        }
      }
      // The DELETE decides: among concurrent takers only one removes the row.
      try (PreparedStatement p = c.prepareStatement("DELETE FROM jpki_challenge WHERE id = ?")) {
        p.setString(1, id);
        if (p.executeUpdate() != 1) {
          return Optional.empty();
        }
      }
      return Optional.of(Challenge.of(id, session, Instant.ofEpochMilli(expires)));
    } catch (SQLException e) {
      throw unavailable("look up", e);
    }
  }

  /**
   * Deletes expired challenges now (they are also deleted as puts go by).
   *
   * @return how many rows were deleted
   * @throws ChallengeStoreException if the database is unavailable
   */
  public int purgeExpired() {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      return purge(c, clock.millis());
    } catch (SQLException e) {
      throw unavailable("purge", e);
    }
  }

  /**
   * Counts the rows, expired or not (for monitoring and tests).
   *
   * @return the number of stored challenges
   * @throws ChallengeStoreException if the database is unavailable
   */
  public int size() {
    try (Connection c = dataSource.getConnection()) {
      return count(c);
    } catch (SQLException e) {
      throw unavailable("count", e);
    }
  }

  private static int purge(Connection c, long now) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("DELETE FROM jpki_challenge WHERE expires_at < ?")) {
      p.setLong(1, now);
      return p.executeUpdate();
    }
  }

  private static int count(Connection c) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM jpki_challenge");
        ResultSet r = p.executeQuery()) {
      r.next();
      return r.getInt(1);
    }
  }

  // The SQL message may quote the statement but never bound values, so no challenge or session leaks.
  private static ChallengeStoreException unavailable(String what, SQLException e) {
    return new ChallengeStoreException(ChallengeStoreException.Reason.UNAVAILABLE,
        "challenge database unavailable (" + what + ", SQLState " + e.getSQLState() + ")", e);
  }

  /** Builder of {@link JdbcChallengeStore}. */
  public static final class Builder {
    private final @Nullable DataSource dataSource;
    private int capacity = 100_000;
    private int perSession = 4;
    private int purgeEvery = 64;
    private Clock clock = Clock.systemUTC();

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Sets the most challenges the table may hold (default 100,000).
     *
     * @param capacity 1 or more
     * @return this builder
     */
    public Builder capacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("capacity must be positive");
      }
      this.capacity = capacity;
      return this;
    }

    /**
     * Sets the most outstanding challenges of one session (default 4).
     *
     * @param perSession 1 or more
     * @return this builder
     */
    public Builder challengesPerSession(int perSession) {
      if (perSession < 1) {
        throw new IllegalArgumentException("challenges per session must be positive");
      }
      this.perSession = perSession;
      return this;
    }

    /**
     * Sets how often a put also deletes expired rows (default every 64th put).
     *
     * @param puts 1 or more
     * @return this builder
     */
    public Builder purgeEvery(int puts) {
      if (puts < 1) {
        throw new IllegalArgumentException("purgeEvery must be positive");
      }
      this.purgeEvery = puts;
      return this;
    }

    /**
     * Sets the clock expiries are compared with; give it the verifier's clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the store.
     *
     * @return the store
     */
    public JdbcChallengeStore build() {
      return new JdbcChallengeStore(this);
    }
  }
}
