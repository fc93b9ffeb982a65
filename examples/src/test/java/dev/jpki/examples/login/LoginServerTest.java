// SPDX-License-Identifier: Apache-2.0
package dev.jpki.examples.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jpki.internal.LoginMessage;
import dev.jpki.cli.Main;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.pki.TestPki;
import dev.jpki.verify.LoginVerifier;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The login server's round trip and every bad input of the relying-party issue, on H2 (and PostgreSQL). */
class LoginServerTest {
  private static final Persona P = Personas.get(Personas.DEFAULT);
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
  private final Clock clock = new Clock() {
    @Override public ZoneId getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(ZoneId zone) { return this; }
    @Override public Instant instant() { return now.get(); }
  };
  private final List<LoginServer> servers = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(LoginServer::close);
  }

  private LoginServer h2Server() throws Exception {
    return track(LoginServer.start(0, h2Url(), null, clock));
  }

  private LoginServer track(LoginServer s) {
    servers.add(s);
    return s;
  }

  private static String h2Url() {
    return "jdbc:h2:mem:rp" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
  }

  static int cli(Map<String, String> env, String... args) {
    return Main.run(args, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), env::get);
  }

  @Test
  void page_thenJpkiLoginOnTheVirtualCard_pageShowsLoggedIn() throws Exception {
    LoginServer s = h2Server();
    Http page = new Http(s.origin());
    Http.Answer c = page.post("/api/challenge", new byte[0]);
    assertThat(c.status()).isEqualTo(200);
    String url = c.json().get("url").asText();
    assertThat(url).startsWith(s.origin() + "/c/");
    assertThat(c.json().get("qrSvg").asText()).startsWith("<svg");
    assertThat(page.get("/api/status").json().get("state").asText()).isEqualTo("waiting");

    StringWriter out = new StringWriter();
    int code = Main.run(new String[] {"--virtual", "--json", "--pin-env", "PIN", "login", url},
        new PrintWriter(out), new PrintWriter(new StringWriter()), Map.of("PIN", "1234")::get);
    assertThat(code).as(out.toString()).isZero();
    String subject = LoginVerifier.subjectId(P.authCertificate());
    assertThat(Http.JSON.readTree(out.toString()).get("subjectId").asText()).isEqualTo(subject);

    Http.Answer st = page.get("/api/status");
    assertThat(st.json().get("state").asText()).isEqualTo("logged-in");
    assertThat(st.json().get("subjectId").asText()).isEqualTo(subject);
  }

  @Test
  void jpkiLogin_revokedCard_refusedAndThePageSaysRevoked() throws Exception {
    LoginServer s = h2Server();
    Http page = new Http(s.origin());
    String url = page.post("/api/challenge", new byte[0]).json().get("url").asText();
    assertThat(cli(Map.of("PIN", "1234"), "--virtual=revoked", "--pin-env", "PIN", "login", url)).isEqualTo(1);
    Http.Answer st = page.get("/api/status");
    assertThat(st.json().get("state").asText()).isEqualTo("refused");
    assertThat(st.json().get("reason").asText()).isEqualTo("REVOKED");
  }

  @Test
  void anonymousChallenge_forTheCli_withoutAPage() throws Exception {
    LoginServer s = h2Server();
    assertThat(cli(Map.of("PIN", "1234"), "--virtual", "--pin-env", "PIN", "login", s.origin() + "/api/challenge"))
        .isZero();
  }

  @Test
  void replay_sequentialAndConcurrent_exactlyOneLogin() throws Exception {
    LoginServer s = h2Server();
    Http page = new Http(s.origin());
    String ch = page.post("/api/challenge", new byte[0]).json().get("challenge").asText();
    byte[] body = body(ch, s.origin(), P.authKeyPair().getPrivate(), P.authCertificate());
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Http.Answer>> answers = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        answers.add(pool.submit(() -> {
          go.await();
          return new Http(s.origin()).post("/api/login", body);
        }));
      }
      go.countDown();
      int ok = 0;
      for (Future<Http.Answer> a : answers) {
        Http.Answer r = a.get(60, TimeUnit.SECONDS);
        if (r.status() == 200) {
          ok++;
        } else {
          assertThat(r.status()).isEqualTo(403);
          assertThat(r.json().get("reason").asText()).isEqualTo("CHALLENGE_UNKNOWN");
        }
      }
      assertThat(ok).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    Http.Answer again = page.post("/api/login", body);
    assertThat(again.status()).isEqualTo(403);
    assertThat(again.json().get("reason").asText()).isEqualTo("CHALLENGE_UNKNOWN");
    assertThat(page.get("/api/status").json().get("state").asText()).isEqualTo("logged-in");
  }

  @Test
  void expiredChallenge_refusedAsExpired() throws Exception {
    LoginServer s = h2Server();
    Http page = new Http(s.origin());
    String ch = page.post("/api/challenge", new byte[0]).json().get("challenge").asText();
    now.set(now.get().plus(Duration.ofMinutes(3)));
    Http.Answer r = page.post("/api/login", body(ch, s.origin(), P.authKeyPair().getPrivate(), P.authCertificate()));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().get("reason").asText()).isEqualTo("CHALLENGE_EXPIRED");
    assertThat(page.get("/api/status").json().get("reason").asText()).isEqualTo("CHALLENGE_EXPIRED");
  }

  @Test
  void signatureKeyForeignCertificateAndOtherSite_refused_noLogin() throws Exception {
    LoginServer s = h2Server();
    Http page = new Http(s.origin());
    // the signature key and certificate instead of the authentication ones
    String ch = page.post("/api/challenge", new byte[0]).json().get("challenge").asText();
    Http.Answer r = page.post("/api/login", body(ch, s.origin(), P.signKeyPair().orElseThrow().getPrivate(),
        P.signCertificate().orElseThrow()));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().get("reason").asText()).isIn("PROFILE", "UNTRUSTED_ISSUER", "POLICY", "KEY_USAGE");
    // a certificate of a foreign issuer, with its own key
    ch = page.post("/api/challenge", new byte[0]).json().get("challenge").asText();
    KeyPair foreign = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    r = page.post("/api/login", body(ch, s.origin(), foreign.getPrivate(), selfSigned(foreign)));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().get("reason").asText()).isEqualTo("UNTRUSTED_ISSUER");
    // the right card, but signed for another site
    ch = page.post("/api/challenge", new byte[0]).json().get("challenge").asText();
    r = page.post("/api/login", body(ch, "https://evil.example", P.authKeyPair().getPrivate(), P.authCertificate()));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().get("reason").asText()).isEqualTo("DIGEST_MISMATCH");
    assertThat(page.get("/api/status").json().get("state").asText()).isEqualTo("refused");
  }

  @Test
  void malformedAndOversizedBodies_refusedWithoutTouchingTheChallenge() throws Exception {
    LoginServer s = h2Server();
    Http page = new Http(s.origin());
    String ch = page.post("/api/challenge", new byte[0]).json().get("challenge").asText();
    for (String bad : new String[] {"", "not json", "[]", "{\"challenge\": \"" + ch + "\"}",
        "{\"challenge\": \"" + ch + "\", \"signature\": \"***\", \"certificate\": \"AA\"}"}) {
      Http.Answer r = page.post("/api/login", bad);
      assertThat(r.status()).as(bad).isEqualTo(400);
      assertThat(r.json().get("reason").asText()).isEqualTo("MALFORMED_BODY");
    }
    Http.Answer big = page.post("/api/login", new byte[LoginServer.MAX_BODY_BYTES + 1]);
    assertThat(big.status()).isEqualTo(413);
    // the challenge is still good: none of the above consumed it
    Http.Answer ok = page.post("/api/login", body(ch, s.origin(), P.authKeyPair().getPrivate(), P.authCertificate()));
    assertThat(ok.status()).isEqualTo(200);
  }

  @Test
  void databaseDown_503_neverALogin() throws Exception {
    String url = h2Url();
    LoginServer s = track(LoginServer.start(0, url, null, clock));
    Http page = new Http(s.origin());
    String ch = page.post("/api/challenge", new byte[0]).json().get("challenge").asText();
    byte[] body = body(ch, s.origin(), P.authKeyPair().getPrivate(), P.authCertificate());
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute("SHUTDOWN"); // every later statement fails: the server's tables are gone
    }
    Http.Answer r = page.post("/api/login", body);
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.json().get("status").asText()).isEqualTo("INDETERMINATE");
    assertThat(page.post("/api/challenge", new byte[0]).status()).isEqualTo(503);
    assertThat(page.get("/api/status").status()).isEqualTo(503);
  }

  @Test
  void twoInstancesSharingPostgres_challengeFromOneLoginAtTheOther_pageOnTheFirstSeesIt() throws Exception {
    String pg = System.getenv("JPKI_TEST_PG_URL");
    boolean required = "true".equalsIgnoreCase(System.getenv("JPKI_REQUIRE_PG"));
    if (pg == null || pg.isBlank()) {
      if (required) {
        throw new AssertionError("JPKI_REQUIRE_PG=true but JPKI_TEST_PG_URL is not set");
      }
      Assumptions.abort("JPKI_TEST_PG_URL is not set (.ci/run starts a PostgreSQL server and sets it)");
    }
    String schema = "ls_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(pg); Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
    }
    String url = pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    String origin = "https://login.example.jp"; // both instances serve the same public name
    try {
      LoginServer a = track(LoginServer.start(0, url, origin, clock));
      LoginServer b = track(LoginServer.start(0, url, origin, clock));
      Http pageOnA = new Http("http://127.0.0.1:" + a.port());
      String ch = pageOnA.post("/api/challenge", new byte[0]).json().get("challenge").asText();
      byte[] body = body(ch, origin, P.authKeyPair().getPrivate(), P.authCertificate());
      Http.Answer atB = new Http("http://127.0.0.1:" + b.port()).post("/api/login", body);
      assertThat(atB.status()).as(atB.json().toString()).isEqualTo(200);
      assertThat(pageOnA.get("/api/status").json().get("state").asText()).isEqualTo("logged-in");
      Http.Answer replayAtA = pageOnA.post("/api/login", body);
      assertThat(replayAtA.json().get("reason").asText()).isEqualTo("CHALLENGE_UNKNOWN");
    } finally {
      servers.forEach(LoginServer::close);
      servers.clear();
      try (Connection c = DriverManager.getConnection(pg); Statement st = c.createStatement()) {
        st.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  static byte[] body(String challenge, String origin, PrivateKey key, X509Certificate cert) throws Exception {
    byte[] hash = MessageDigest.getInstance("SHA-256")
        .digest(LoginMessage.encode(origin, Base64.getUrlDecoder().decode(challenge)));
    Signature sig = Signature.getInstance("SHA256withRSA");
    sig.initSign(key);
    sig.update(LoginMessage.encode(origin, Base64.getUrlDecoder().decode(challenge)));
    assertThat(hash).hasSize(32);
    ObjectNode n = Http.JSON.createObjectNode().put("challenge", challenge)
        .put("signature", Base64.getEncoder().encodeToString(sig.sign()))
        .put("certificate", Base64.getEncoder().encodeToString(cert.getEncoded()));
    return Http.JSON.writeValueAsBytes(n);
  }

  static X509Certificate selfSigned(KeyPair kp) throws Exception {
    X500Principal name = new X500Principal("CN=Foreign CA, O=Elsewhere, C=JP");
    Instant t = TestPki.REFERENCE_TIME;
    return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.TEN,
        Date.from(t.minus(Duration.ofDays(30))), Date.from(t.plus(Duration.ofDays(3650))), name, kp.getPublic())
        .build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate())));
  }
}
