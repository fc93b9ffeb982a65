// SPDX-License-Identifier: Apache-2.0
package dev.jpki.examples.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.jpki.card.KeyType;
import dev.jpki.jdbc.JdbcChallengeStore;
import dev.jpki.jdbc.SchemaMigrations;
import dev.jpki.testkit.pki.JpkiOids;
import dev.jpki.testkit.pki.TestPki;
import dev.jpki.verify.CertificateValidator;
import dev.jpki.verify.Challenge;
import dev.jpki.verify.ChallengeStoreException;
import dev.jpki.verify.Failure;
import dev.jpki.verify.FailureCode;
import dev.jpki.verify.LoginResult;
import dev.jpki.verify.LoginVerifier;
import dev.jpki.verify.Status;
import dev.jpki.verify.TrustAnchors;
import dev.jpki.verify.revocation.CrlIndex;
import dev.jpki.verify.revocation.RevocationSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * A relying party's login with the My Number Card, as a small runnable server (JDK HTTP server).
 *
 * <p>The page ({@code GET /}) asks for a challenge for its session, shows it as a {@code jpki login URL}
 * command and as a QR code, and polls until the holder has signed: then it shows "logged in as
 * &lt;subject id&gt;" or the precise refusal. Endpoints (JSON):
 *
 * <ul>
 *   <li>{@code POST /api/challenge}: a challenge for the caller's session cookie:
 *       {@code {"challenge", "expiresAt", "url", "qrSvg"}}.
 *   <li>{@code GET /c/<challenge>} and {@code GET /api/challenge}: what {@code jpki login URL} fetches:
 *       {@code {"challenge", "login": "/api/login"}} (the second issues an anonymous challenge).
 *   <li>{@code POST /api/login} with {@code {"challenge", "signature", "certificate"}} (Base64):
 *       200 {@code {"status": "VALID", "subjectId"}}, 403 {@code {"status": "INVALID", "reason",
 *       "message"}}, 400 malformed body, 413 body over {@value #MAX_BODY_BYTES} bytes, 503 when the
 *       database or revocation cannot decide (never a login).
 *   <li>{@code GET /api/status}: the caller's session: {@code {"state": "waiting"|"logged-in"|"refused",
 *       ...}}.
 * </ul>
 *
 * <p>State lives in the database (H2 in memory by default; PostgreSQL with {@code --db}), so several
 * instances sharing it accept a login whose challenge another instance issued and show it on a page
 * served by a third. Trust: the test PKI of {@code jpki-testkit} with its CRLs (the virtual card's
 * personas; persona {@code revoked} is refused) — a production server uses
 * {@code TrustAnchors.production()} and the platform operator's revocation service instead.
 */
public final class LoginServer implements AutoCloseable {
  /** Largest request body read; a login body is about 2 KB. */
  public static final int MAX_BODY_BYTES = 16 * 1024;
  static final String COOKIE = "rp_session";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer http;
  private final ExecutorService workers;
  private final HikariDataSource db;
  private final LoginVerifier login;
  private final String origin;
  private final SecureRandom random = new SecureRandom();

  private LoginServer(HttpServer http, ExecutorService workers, HikariDataSource db, LoginVerifier login, String origin) {
    this.http = http;
    this.workers = workers;
    this.db = db;
    this.login = login;
    this.origin = origin;
  }

  /**
   * Starts a server.
   *
   * @param port the TCP port on 127.0.0.1, 0 for any free one
   * @param jdbcUrl the database, e.g. {@code jdbc:h2:mem:rp;DB_CLOSE_DELAY=-1} or
   *     {@code jdbc:postgresql://127.0.0.1:5432/rp?user=rp}
   * @param publicOrigin the origin browsers and {@code jpki login} use, or null for
   *     {@code http://127.0.0.1:<port>}; instances behind one name share it
   * @return the running server
   * @throws IOException if the port cannot be bound
   * @throws SQLException if the database cannot be prepared
   */
  public static LoginServer start(int port, String jdbcUrl, @Nullable String publicOrigin) throws IOException, SQLException {
    return start(port, jdbcUrl, publicOrigin, Clock.systemUTC());
  }

  /**
   * Starts a server whose challenge expiry and certificate checks follow a given clock (tests).
   *
   * @param port the TCP port on 127.0.0.1, 0 for any free one
   * @param jdbcUrl the database
   * @param publicOrigin the origin, or null for {@code http://127.0.0.1:<port>}
   * @param clock the clock
   * @return the running server
   * @throws IOException if the port cannot be bound
   * @throws SQLException if the database cannot be prepared
   */
  public static LoginServer start(int port, String jdbcUrl, @Nullable String publicOrigin, Clock clock)
      throws IOException, SQLException {
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(jdbcUrl);
    cfg.setMaximumPoolSize(8);
    cfg.setConnectionTimeout(2_000); // a database that is down answers 503 quickly, not after 30 s
    cfg.setInitializationFailTimeout(10_000);
    cfg.setPoolName("login-server");
    HikariDataSource db = new HikariDataSource(cfg);
    try {
      SchemaMigrations.migrate(db);
      try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
        // The example's own table: what each waiting page shows. Not part of jpki-jdbc's schema.
        s.execute("CREATE TABLE IF NOT EXISTS rp_login_result (session_id VARCHAR(128) NOT NULL PRIMARY KEY,"
            + " state VARCHAR(16) NOT NULL, subject_id VARCHAR(64), reason VARCHAR(64), message VARCHAR(400),"
            + " updated_at BIGINT NOT NULL)");
      }
      HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
      String origin = publicOrigin != null ? publicOrigin : "http://127.0.0.1:" + http.getAddress().getPort();
      LoginServer server = new LoginServer(http, Executors.newFixedThreadPool(8), db, verifier(origin, db, clock), origin);
      http.createContext("/", server::handle);
      http.setExecutor(server.workers);
      http.start();
      return server;
    } catch (IOException | SQLException | RuntimeException e) {
      db.close();
      throw e;
    }
  }

  private static LoginVerifier verifier(String origin, HikariDataSource db, Clock clock) {
    TestPki pki = TestPki.get();
    CertificateValidator validator = CertificateValidator.builder()
        .trustAnchors(TrustAnchors.builder().add(pki.root(KeyType.AUTHENTICATION), KeyType.AUTHENTICATION).build())
        .policies(KeyType.AUTHENTICATION, JpkiOids.POLICY_TEST_AUTH)
        .revocation(RevocationSource.crl(crlIndex(pki, clock)))
        .clock(clock)
        .build();
    return LoginVerifier.builder(validator)
        .origin(origin)
        .challengeStore(JdbcChallengeStore.builder(db).clock(clock).build())
        .build();
  }

  private static CrlIndex crlIndex(TestPki pki, Clock clock) {
    try {
      return CrlIndex.parse(pki.crl(KeyType.AUTHENTICATION, clock.instant()).getEncoded());
    } catch (Exception e) {
      throw new IllegalStateException("test CRL unavailable", e);
    }
  }

  /**
   * Returns the origin logins are bound to.
   *
   * @return e.g. {@code http://127.0.0.1:8080}
   */
  public String origin() {
    return origin;
  }

  /**
   * Returns the port the server listens on.
   *
   * @return the port
   */
  public int port() {
    return http.getAddress().getPort();
  }

  @Override
  public void close() {
    http.stop(0);
    workers.shutdownNow();
    db.close();
  }

  /**
   * Runs the server until killed: {@code [--port N] [--db JDBC_URL] [--origin URL]}.
   *
   * @param args the options
   * @throws Exception if it cannot start
   */
  public static void main(String[] args) throws Exception {
    int port = 8080;
    String jdbc = "jdbc:h2:mem:login-server;DB_CLOSE_DELAY=-1";
    String origin = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--db" -> jdbc = args[i + 1];
        case "--origin" -> origin = args[i + 1];
        default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--port N, --db JDBC_URL, --origin URL)");
      }
    }
    String env = System.getenv("JPKI_LOGIN_DB");
    if (env != null && !env.isBlank()) {
      jdbc = env;
    }
    LoginServer s = start(port, jdbc, origin);
    System.out.println("Login server on " + s.origin() + " (database " + jdbc.replaceAll("password=[^&;]*", "password=***")
        + "). Open it in a browser; Ctrl-C stops it.");
    Thread.currentThread().join();
  }

  // --- HTTP -----------------------------------------------------------------------------------------

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      if (path.equals("/") && method.equals("GET")) {
        send(ex, 200, "text/html; charset=utf-8", Page.HTML.getBytes(StandardCharsets.UTF_8));
      } else if (path.equals("/api/challenge") && method.equals("POST")) {
        pageChallenge(ex);
      } else if (path.equals("/api/challenge") && method.equals("GET")) {
        offer(ex, null);
      } else if (path.startsWith("/c/") && method.equals("GET")) {
        offer(ex, path.substring(3));
      } else if (path.equals("/api/login") && method.equals("POST")) {
        login(ex);
      } else if (path.equals("/api/status") && method.equals("GET")) {
        status(ex);
      } else {
        json(ex, 404, JSON.createObjectNode().put("error", "not found"));
      }
    } catch (RuntimeException e) {
      json(ex, 500, JSON.createObjectNode().put("error", "internal error"));
    }
  }

  private void pageChallenge(HttpExchange ex) throws IOException {
    String session = session(ex);
    Challenge c;
    try {
      c = login.newChallenge(session);
    } catch (ChallengeStoreException e) {
      unavailable(ex, e);
      return;
    }
    try {
      writeResult(session, "waiting", null, null, null);
    } catch (SQLException e) {
      unavailable(ex, new ChallengeStoreException(ChallengeStoreException.Reason.UNAVAILABLE, "database", e));
      return;
    }
    String url = origin + "/c/" + c.encoded();
    json(ex, 200, JSON.createObjectNode().put("challenge", c.encoded()).put("expiresAt", c.expiresAt().toString())
        .put("url", url).put("qrSvg", QrSvg.of(url)));
  }

  private void offer(HttpExchange ex, @Nullable String challenge) throws IOException {
    String value = challenge;
    if (value == null) {
      try {
        value = login.newChallenge().encoded();
      } catch (ChallengeStoreException e) {
        unavailable(ex, e);
        return;
      }
    }
    json(ex, 200, JSON.createObjectNode().put("challenge", value).put("login", "/api/login"));
  }

  private void login(HttpExchange ex) throws IOException {
    byte[] body = readBody(ex);
    if (body == null) {
      json(ex, 413, refusal("BODY_TOO_LARGE", "the request body is larger than " + MAX_BODY_BYTES + " bytes"));
      return;
    }
    String challenge;
    byte[] signature;
    byte[] certificate;
    try {
      JsonNode n = JSON.readTree(body);
      if (n == null || !n.isObject()) {
        throw new IOException("not a JSON object");
      }
      challenge = field(n, "challenge");
      signature = Base64.getDecoder().decode(field(n, "signature"));
      certificate = Base64.getDecoder().decode(field(n, "certificate"));
    } catch (IOException | IllegalArgumentException e) {
      json(ex, 400, refusal("MALFORMED_BODY", "expected JSON {\"challenge\", \"signature\", \"certificate\"} with Base64 values"));
      return;
    }
    LoginResult r = login.verify(challenge, signature, certificate);
    Failure first = r.verification().failures().isEmpty() ? null : r.verification().failures().get(0);
    String reason = first == null ? "" : first.code().name();
    String message = first == null ? "" : explain(first.code());
    try {
      if (r.isValid()) {
        String subject = r.subjectId().orElseThrow();
        writeResult(r.session().orElseThrow(), "logged-in", subject, null, null);
        json(ex, 200, JSON.createObjectNode().put("status", "VALID").put("subjectId", subject));
        return;
      }
      if (r.challengeSession().isPresent()) {
        writeResult(r.challengeSession().get(), "refused", null, reason, message);
      }
    } catch (SQLException e) {
      // The verdict could not be recorded: no login happened, say so.
      json(ex, 503, refusal("DATABASE_UNAVAILABLE", "the login database is unavailable; try again"));
      return;
    }
    int code = r.verification().status() == Status.INDETERMINATE ? 503 : 403;
    json(ex, code, refusal(reason, message).put("status", r.verification().status().name()));
  }

  private void status(HttpExchange ex) throws IOException {
    String session = cookie(ex);
    ObjectNode out = JSON.createObjectNode().put("state", "waiting");
    if (session != null) {
      try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(
          "SELECT state, subject_id, reason, message FROM rp_login_result WHERE session_id = ?")) {
        p.setString(1, session);
        try (ResultSet rs = p.executeQuery()) {
          if (rs.next()) {
            out.put("state", rs.getString(1));
            putIfSet(out, "subjectId", rs.getString(2));
            putIfSet(out, "reason", rs.getString(3));
            putIfSet(out, "message", rs.getString(4));
          }
        }
      } catch (SQLException e) {
        json(ex, 503, refusal("DATABASE_UNAVAILABLE", "the login database is unavailable"));
        return;
      }
    }
    json(ex, 200, out);
  }

  /** What a page shows for a refusal: the precise reason in a few words. */
  static String explain(FailureCode code) {
    return switch (code) {
      case REVOKED -> "the certificate is revoked";
      case EXPIRED -> "the certificate has expired";
      case NOT_YET_VALID -> "the certificate is not valid yet";
      case CHALLENGE_UNKNOWN -> "unknown or already used challenge (replay)";
      case CHALLENGE_EXPIRED -> "the challenge expired; reload the page";
      case DIGEST_MISMATCH, BAD_SIGNATURE -> "wrong key or wrong site: the signature does not match";
      case PROFILE, KEY_USAGE, POLICY -> "wrong key: not the card's authentication certificate";
      case UNTRUSTED_ISSUER -> "the certificate is not from a trusted issuer";
      case MALFORMED_INPUT -> "malformed certificate";
      case CHALLENGE_STORE_UNAVAILABLE -> "the login database is unavailable; try again";
      case REVOCATION_UNKNOWN, REVOCATION_UNAVAILABLE -> "revocation status unavailable; try again";
      default -> code.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    };
  }

  private void writeResult(String session, String state, @Nullable String subject, @Nullable String reason,
      @Nullable String message) throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM rp_login_result WHERE session_id = ?")) {
          p.setString(1, session);
          p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO rp_login_result"
            + " (session_id, state, subject_id, reason, message, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
          p.setString(1, session);
          p.setString(2, state);
          p.setString(3, subject);
          p.setString(4, reason);
          p.setString(5, message);
          p.setLong(6, System.currentTimeMillis());
          p.executeUpdate();
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private String session(HttpExchange ex) {
    String s = cookie(ex);
    if (s == null) {
      byte[] b = new byte[18];
      random.nextBytes(b);
      s = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
      ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + s + "; Path=/; HttpOnly; SameSite=Lax");
    }
    return s;
  }

  private static @Nullable String cookie(HttpExchange ex) {
    List<String> headers = ex.getRequestHeaders().get("Cookie");
    if (headers == null) {
      return null;
    }
    for (String h : headers) {
      for (String part : h.split(";", -1)) {
        String p = part.trim();
        if (p.startsWith(COOKIE + "=")) {
          String v = p.substring(COOKIE.length() + 1);
          return v.matches("[A-Za-z0-9_-]{16,64}") ? v : null;
        }
      }
    }
    return null;
  }

  private static byte @Nullable [] readBody(HttpExchange ex) throws IOException {
    String declared = ex.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > MAX_BODY_BYTES) {
          return null;
        }
      } catch (NumberFormatException e) {
        return new byte[0]; // unparsable length: answered as a malformed body
      }
    }
    try (InputStream in = ex.getRequestBody()) {
      byte[] b = in.readNBytes(MAX_BODY_BYTES + 1);
      return b.length > MAX_BODY_BYTES ? null : b;
    }
  }

  private static String field(JsonNode n, String name) throws IOException {
    JsonNode v = n.get(name);
    if (v == null || !v.isTextual()) {
      throw new IOException("missing " + name);
    }
    return v.asText();
  }

  private static void putIfSet(ObjectNode o, String k, @Nullable String v) {
    if (v != null) {
      o.put(k, v);
    }
  }

  private static ObjectNode refusal(String reason, String message) {
    return JSON.createObjectNode().put("status", "INVALID").put("reason", reason).put("message", message);
  }

  private static void unavailable(HttpExchange ex, ChallengeStoreException e) throws IOException {
    ex.getResponseHeaders().add("Retry-After", "5");
    String why = e.reason() == ChallengeStoreException.Reason.FULL ? "too many logins in progress; try again shortly"
        : "the login database is unavailable; try again";
    json(ex, 503, JSON.createObjectNode().put("status", "INDETERMINATE").put("reason", "CHALLENGE_STORE_" + e.reason())
        .put("message", why));
  }

  private static void json(HttpExchange ex, int status, ObjectNode body) throws IOException {
    send(ex, status, "application/json", JSON.writeValueAsBytes(body));
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }
}
