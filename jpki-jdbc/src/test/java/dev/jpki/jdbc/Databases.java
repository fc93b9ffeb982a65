// SPDX-License-Identifier: Apache-2.0
package dev.jpki.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The two databases the stores are tested on. H2 runs in memory. PostgreSQL is the server named by
 * {@code JPKI_TEST_PG_URL} (e.g. {@code jdbc:postgresql://127.0.0.1:55432/jpki_test?user=jpki}; .ci/run
 * starts one); without it the PostgreSQL tests are skipped with that reason, unless
 * {@code JPKI_REQUIRE_PG=true} (CI), which makes its absence a failure. Every test database is a fresh
 * H2 database or a fresh PostgreSQL schema, so tests never see each other's rows.
 */
final class Databases {
  static final String PG_URL_VARIABLE = "JPKI_TEST_PG_URL";

  private Databases() {}

  /** A fresh database; {@link #open(String)} opens further independent connection sources to it. */
  interface TestDatabase extends AutoCloseable {
    /** A new data source on the same database, as a second server instance would have. */
    DataSource open();

    /** The database's name in test output. */
    String kind();

    @Override
    void close() throws SQLException;
  }

  static TestDatabase h2() {
    String name = "jpki" + UUID.randomUUID().toString().replace("-", "");
    return new TestDatabase() {
      // Keeps the in-memory database alive between the data sources' connections.
      private final Connection keepAlive = connect(open());

      @Override public DataSource open() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        return ds;
      }

      @Override public String kind() {
        return "H2";
      }

      @Override public void close() throws SQLException {
        try (Statement s = keepAlive.createStatement()) {
          s.execute("SHUTDOWN");
        }
        keepAlive.close();
      }
    };
  }

  static TestDatabase postgres() {
    String url = System.getenv(PG_URL_VARIABLE);
    boolean required = "true".equalsIgnoreCase(System.getenv("JPKI_REQUIRE_PG"));
    String why = null;
    if (url == null || url.isBlank()) {
      why = PG_URL_VARIABLE + " is not set (.ci/run starts a PostgreSQL server and sets it)";
    } else {
      try (Connection c = plain(url).getConnection()) {
        c.isValid(5);
      } catch (SQLException e) {
        why = "PostgreSQL at " + PG_URL_VARIABLE + " is not reachable: " + e.getMessage();
      }
    }
    if (why != null) {
      if (required) {
        throw new AssertionError("JPKI_REQUIRE_PG=true but " + why);
      }
      Assumptions.abort(why);
    }
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    try (Connection c = plain(url).getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new AssertionError("cannot create a test schema: " + e.getMessage(), e);
    }
    return new TestDatabase() {
      @Override public DataSource open() {
        PGSimpleDataSource ds = plain(url);
        ds.setCurrentSchema(schema);
        return ds;
      }

      @Override public String kind() {
        return "PostgreSQL";
      }

      @Override public void close() throws SQLException {
        try (Connection c = plain(url).getConnection(); Statement s = c.createStatement()) {
          s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
      }
    };
  }

  /** A data source whose server is not there: connections are refused, as when the database is down. */
  static DataSource down() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL("jdbc:postgresql://127.0.0.1:1/nothing");
    ds.setConnectTimeout(2);
    return ds;
  }

  private static PGSimpleDataSource plain(String url) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url);
    return ds;
  }

  private static Connection connect(DataSource ds) {
    try {
      return ds.getConnection();
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }
}
