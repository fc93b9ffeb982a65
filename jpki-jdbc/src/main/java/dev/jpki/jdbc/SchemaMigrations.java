// SPDX-License-Identifier: Apache-2.0
package dev.jpki.jdbc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Applies the schema scripts shipped in this jar ({@code dev/jpki/jdbc/schema/V<n>__<name>.sql}, listed in
 * {@code migrations.txt}) that a database does not have yet, and records each in
 * {@code jpki_schema_version}.
 *
 * <p>Call {@link #migrate(DataSource)} once at start-up, before creating the stores; it is idempotent, and
 * several instances starting at once are safe on PostgreSQL: each script runs in one transaction together
 * with the insert of its version row, so a second instance blocks on that row and then skips the script.
 * (H2 commits DDL implicitly; it is the embedded single-process default, where this does not arise.)
 * Operators who manage schemas with their own tool (Flyway, Liquibase, a DBA) can apply the same scripts
 * and insert the version rows themselves; {@link #pendingScripts} says what is missing.
 *
 * <p>Released scripts are never edited; a change is a new script with the next version number.
 */
public final class SchemaMigrations {
  private static final String BASE = "/dev/jpki/jdbc/schema/";
  private static final Pattern NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");
  private static final String VERSION_TABLE = "CREATE TABLE IF NOT EXISTS jpki_schema_version ("
      + " version INTEGER NOT NULL PRIMARY KEY, script VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL)";

  private SchemaMigrations() {}

  /**
   * Applies every script the database does not have yet.
   *
   * @param dataSource the database
   * @return the scripts applied now (empty when the schema was up to date)
   * @throws SQLException if a script fails; that script's transaction is rolled back where the database
   *     supports transactional DDL
   */
  public static List<String> migrate(DataSource dataSource) throws SQLException {
    List<String> applied = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        s.execute(VERSION_TABLE);
      }
      for (String script : scripts()) {
        if (apply(c, script)) {
          applied.add(script);
        }
      }
    }
    return Collections.unmodifiableList(applied);
  }

  /**
   * Lists the scripts the database does not have yet, without applying anything.
   *
   * @param dataSource the database
   * @return script names, oldest first
   * @throws SQLException if the database cannot be read
   */
  public static List<String> pendingScripts(DataSource dataSource) throws SQLException {
    List<String> pending = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      for (String script : scripts()) {
        if (!hasVersion(c, version(script))) {
          pending.add(script);
        }
      }
    } catch (SQLException e) {
      // 42P01 (PostgreSQL) and 42S02/42102 (SQL standard, H2): no version table yet, nothing applied.
      String state = e.getSQLState();
      if ("42P01".equals(state) || "42S02".equals(state) || "42102".equals(state)) {
        return scripts();
      }
      throw e;
    }
    return pending;
  }

  /**
   * Lists the scripts this jar ships, oldest first.
   *
   * @return script names such as {@code V1__login_challenges.sql}
   */
  public static List<String> scripts() {
    List<String> out = new ArrayList<>();
    for (String line : lines(read("migrations.txt"))) {
      String t = line.trim();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      version(t);
      out.add(t);
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Returns the text of a shipped script, e.g. to apply it with another tool.
   *
   * @param script a name from {@link #scripts()}
   * @return the SQL
   * @throws IllegalArgumentException if no such script ships
   */
  public static String scriptText(String script) {
    version(script);
    return read(script);
  }

  private static boolean apply(Connection c, String script) throws SQLException {
    int version = version(script);
    if (hasVersion(c, version)) {
      return false;
    }
    c.setAutoCommit(false);
    try {
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO jpki_schema_version (version, script, applied_at) VALUES (?, ?, ?)")) {
        p.setInt(1, version);
        p.setString(2, script);
        p.setLong(3, System.currentTimeMillis());
        p.executeUpdate();
      }
      try (Statement s = c.createStatement()) {
        for (String sql : statements(read(script))) {
          s.execute(sql);
        }
      }
      c.commit();
      return true;
    } catch (SQLException e) {
      c.rollback();
      if (hasVersion(c, version)) {
        return false; // another instance applied it meanwhile
      }
      throw new SQLException("schema script " + script + " failed: " + e.getMessage(), e.getSQLState(), e);
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static boolean hasVersion(Connection c, int version) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM jpki_schema_version WHERE version = ?")) {
      p.setInt(1, version);
      try (ResultSet r = p.executeQuery()) {
        return r.next();
      }
    }
  }

  private static int version(String script) {
    Matcher m = NAME.matcher(script);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a schema script name: " + script);
    }
    return Integer.parseInt(m.group(1));
  }

  /** Splits a script on semicolons that end a line; {@code --} comment lines are dropped. */
  static List<String> statements(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : lines(sql)) {
      String t = line.trim();
      if (t.isEmpty() || t.startsWith("--")) {
        continue;
      }
      if (t.endsWith(";")) {
        cur.append(t, 0, t.length() - 1);
        out.add(cur.toString().trim());
        cur.setLength(0);
      } else {
        cur.append(t).append('\n');
      }
    }
    if (cur.toString().trim().length() > 0) {
      out.add(cur.toString().trim());
    }
    return out;
  }

  private static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    for (String l : text.split("\n", -1)) {
      out.add(l);
    }
    return out;
  }

  private static String read(String name) {
    try (InputStream in = SchemaMigrations.class.getResourceAsStream(BASE + name)) {
      if (in == null) {
        throw new IllegalArgumentException("schema resource missing from the jar: " + name);
      }
      StringBuilder sb = new StringBuilder();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        char[] buf = new char[4096];
        int n;
        while ((n = r.read(buf)) > 0) {
          sb.append(buf, 0, n);
        }
      }
      return sb.toString();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read schema resource " + name, e);
    }
  }
}
