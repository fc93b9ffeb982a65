// SPDX-License-Identifier: Apache-2.0
package dev.jpki.jdbc;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.internal.LoginMessage;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.card.KeyType;
import dev.jpki.testkit.pki.JpkiOids;
import dev.jpki.testkit.pki.TestPki;
import dev.jpki.verify.CertificateValidator;
import dev.jpki.verify.Challenge;
import dev.jpki.verify.ChallengeStore;
import dev.jpki.verify.ChallengeStoreException;
import dev.jpki.verify.Failure;
import dev.jpki.verify.FailureCode;
import dev.jpki.verify.LoginResult;
import dev.jpki.verify.LoginVerifier;
import dev.jpki.verify.Status;
import dev.jpki.verify.TrustAnchors;
import dev.jpki.verify.flow.CertificateId;
import dev.jpki.verify.flow.CertificateLinkException;
import dev.jpki.verify.flow.CertificateLinkService;
import dev.jpki.verify.flow.Registration;
import dev.jpki.verify.flow.RegistrationStore;
import dev.jpki.verify.flow.RegistrationStoreException;
import dev.jpki.verify.revocation.RevocationSource;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stores' contract, run once per database ({@link H2StoresTest}, {@link PostgresStoresTest}).
 * Every test gets a fresh database with the shipped schema applied.
 */
abstract class StoreContractTest {
  static final String ORIGIN = "https://login.example.jp";
  static final Persona P = Personas.get(Personas.DEFAULT);

  final AtomicReference<Instant> now = new AtomicReference<>(TestPki.REFERENCE_TIME);
  final Clock clock = new Clock() {
    @Override public ZoneId getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(ZoneId zone) { return this; }
    @Override public Instant instant() { return now.get(); }
  };
  Databases.TestDatabase db;
  DataSource ds;

  abstract Databases.TestDatabase newDatabase();

  @BeforeEach
  void createDatabase() throws Exception {
    db = newDatabase();
    ds = db.open();
    assertThat(SchemaMigrations.migrate(ds)).containsExactlyElementsOf(SchemaMigrations.scripts());
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  JdbcChallengeStore.Builder store(DataSource source) {
    return JdbcChallengeStore.builder(source).clock(clock);
  }

  // --- schema -------------------------------------------------------------------------------------

  @Test
  void migrate_isIdempotentAndRecordsEveryVersion() throws Exception {
    assertThat(SchemaMigrations.migrate(db.open())).isEmpty();
    assertThat(SchemaMigrations.pendingScripts(ds)).isEmpty();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM jpki_schema_version")) {
      r.next();
      assertThat(r.getInt(1)).isEqualTo(SchemaMigrations.scripts().size());
    }
  }

  // --- challenges ---------------------------------------------------------------------------------

  @Test
  void challenge_takenOnce() {
    JdbcChallengeStore s = store(ds).build();
    Instant exp = now.get().plusSeconds(120);
    s.put(ch("c1", "sess", exp));
    assertThat(s.take(id("c1"))).contains(ch("c1", "sess", exp));
    assertThat(s.take(id("c1"))).isEmpty();
    assertThat(s.take(id("never-issued"))).isEmpty();
  }

  @Test
  void challenge_fiftyConcurrentRedemptionsOverTwoInstances_exactlyOneSucceeds() throws Exception {
    JdbcChallengeStore a = store(db.open()).build();
    JdbcChallengeStore b = store(db.open()).build();
    for (int round = 0; round < 3; round++) {
      String id = "race-" + round;
      a.put(ch(id, "sess-" + round, now.get().plusSeconds(120)));
      ExecutorService pool = Executors.newFixedThreadPool(50);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<Challenge>>> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          JdbcChallengeStore s = i % 2 == 0 ? a : b;
          results.add(pool.submit(() -> {
            start.await();
            return s.take(id(id));
          }));
        }
        start.countDown();
        int won = 0;
        for (Future<Optional<Challenge>> f : results) {
          if (f.get(60, TimeUnit.SECONDS).isPresent()) {
            won++;
          }
        }
        assertThat(won).as(db.kind() + " round " + round).isEqualTo(1);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void challenge_expiredRowsAreDeleted() {
    JdbcChallengeStore s = store(ds).purgeEvery(1_000_000).build();
    s.put(ch("old", "a", now.get().plusSeconds(60)));
    s.put(ch("new", "b", now.get().plusSeconds(600)));
    now.set(now.get().plusSeconds(120));
    assertThat(s.purgeExpired()).isEqualTo(1);
    assertThat(s.size()).isEqualTo(1);
    assertThat(s.take(id("old"))).isEmpty();
    assertThat(s.take(id("new"))).isPresent();

    JdbcChallengeStore eager = store(ds).purgeEvery(1).build();
    eager.put(ch("x", "c", now.get().plusSeconds(1)));
    now.set(now.get().plusSeconds(5));
    eager.put(ch("y", "d", now.get().plusSeconds(60)));
    assertThat(eager.size()).as("expired row deleted on put").isEqualTo(1);
  }

  @Test
  void challenge_sessionEvictsItsOwnOldest_fullStoreRefusesTyped() {
    JdbcChallengeStore s = store(ds).capacity(3).challengesPerSession(2).build();
    Instant exp = now.get().plusSeconds(120);
    s.put(ch("other", "other", exp));
    for (int i = 0; i < 20; i++) {
      now.set(now.get().plusMillis(1)); // creation order
      s.put(ch("g" + i, "greedy", exp));
    }
    assertThat(s.size()).isEqualTo(3);
    assertThat(s.take(id("g0"))).isEmpty();
    assertThat(s.take(id("other"))).isPresent();
    s.put(ch("other2", "other", exp));
    assertThatThrownBy(() -> s.put(ch("third", "third", exp)))
        .isInstanceOfSatisfying(ChallengeStoreException.class,
            e -> assertThat(e.reason()).isEqualTo(ChallengeStoreException.Reason.FULL));
    assertThat(s.take(id("third"))).as("nothing half-written").isEmpty();
    assertThat(s.take(id("g19"))).isPresent();
  }

  @Test
  void login_challengeIssuedByOneInstance_acceptedByTheOther_onceOnly() throws Exception {
    LoginVerifier first = verifier(store(db.open()).build());
    LoginVerifier second = verifier(store(db.open()).build());
    Challenge c = first.newChallenge("browser-session");
    byte[] sig = sign(P.authKeyPair().getPrivate(), LoginMessage.encode(ORIGIN, c.value()));
    byte[] cert = P.authCertificate().getEncoded();
    LoginResult r = second.verify(c.encoded(), sig, cert);
    assertThat(r.isValid()).as(r.verification().toString()).isTrue();
    assertThat(r.session()).contains("browser-session");
    assertThat(first.verify(c.encoded(), sig, cert).verification().failures()).extracting(Failure::code)
        .containsExactly(FailureCode.CHALLENGE_UNKNOWN);
  }

  @Test
  void databaseDown_newChallengeRefusedTyped_loginIndeterminate() throws Exception {
    LoginVerifier v = verifier(store(Databases.down()).build());
    assertThatThrownBy(v::newChallenge).isInstanceOfSatisfying(ChallengeStoreException.class,
        e -> assertThat(e.reason()).isEqualTo(ChallengeStoreException.Reason.UNAVAILABLE));
    byte[] ch = new byte[32];
    LoginResult r = v.verify("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        sign(P.authKeyPair().getPrivate(), LoginMessage.encode(ORIGIN, ch)), P.authCertificate().getEncoded());
    assertThat(r.verification().status()).isEqualTo(Status.INDETERMINATE);
    assertThat(r.verification().failures()).extracting(Failure::code)
        .containsExactly(FailureCode.CHALLENGE_STORE_UNAVAILABLE);
    assertThat(r.subjectId()).isEmpty();
  }

  // --- registrations ------------------------------------------------------------------------------

  /**
   * What a verified first visit stores, built as a store reads it back: digests of the card key (here the
   * certificate's key stands in) and of the certificate, its issuer, serial and notAfter.
   */
  static Registration registration(String account, Persona p, Instant at) throws Exception {
    java.security.cert.X509Certificate c = p.authCertificate();
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    byte[] keyDigest = sha256.digest(c.getPublicKey().getEncoded());
    return Registration.restore(account, keyDigest, sha256.digest(c.getEncoded()),
        c.getIssuerX500Principal().getName(), c.getSerialNumber(), c.getNotAfter().toInstant(), at);
  }

  @Test
  void registration_savedFoundReplacedRemoved_andSurvivesANewInstance() throws Exception {
    RegistrationStore s = new JdbcRegistrationStore(ds);
    Persona minor = Personas.get(Personas.MINOR);
    Registration r1 = registration("account-1", P, Instant.parse("2026-01-01T00:00:00Z"));
    Registration r2 = registration("account-1", minor, Instant.parse("2026-02-01T00:00:00Z"));
    s.save(r2);
    s.save(r1);
    byte[] key1 = r1.cardKeyDigest();
    assertThat(s.findByCardKey(key1)).contains(r1);
    assertThat(s.findByAccount("account-1")).containsExactly(r1, r2);
    assertThat(s.findByAccount("nobody")).isEmpty();

    // a server restart: a new connection source and store instance see the same registrations
    RegistrationStore restarted = new JdbcRegistrationStore(db.open());
    assertThat(restarted.findByCardKey(key1)).contains(r1);

    Registration moved = registration("account-2", P, Instant.parse("2026-03-01T00:00:00Z"));
    restarted.save(moved);
    assertThat(s.findByCardKey(key1)).contains(moved);
    assertThat(s.findByAccount("account-1")).containsExactly(r2);
    assertThat(s.remove(key1)).isTrue();
    assertThat(s.remove(key1)).isFalse();
    assertThat(s.findByCardKey(key1)).isEmpty();
  }

  @Test
  void registration_databaseDown_isTypedAndNamesNoValue() throws Exception {
    RegistrationStore s = new JdbcRegistrationStore(Databases.down());
    Registration r = registration("account-secret-7", P, Instant.parse("2026-01-01T00:00:00Z"));
    assertThatThrownBy(() -> s.save(r)).isInstanceOf(RegistrationStoreException.class)
        .hasMessageNotContaining("account-secret-7");
    assertThatThrownBy(() -> s.findByAccount("account-secret-7")).isInstanceOf(RegistrationStoreException.class)
        .hasMessageNotContaining("account-secret-7");
  }

  // --- certificate-link cache -------------------------------------------------------------------

  static final CertificateId OLD = CertificateId.of("CN=Test Auth CA,O=JPKI Test,C=JP", BigInteger.valueOf(0x1001));
  static final CertificateId NEW = CertificateId.of("CN=Test Auth CA,O=JPKI Test,C=JP", BigInteger.valueOf(0x2002));
  static final CertificateId SIGN = CertificateId.of("CN=Test Sign CA,O=JPKI Test,C=JP", BigInteger.valueOf(0x3003));

  /** The operator's service: links added by hand, counting how often it is asked, failing on demand. */
  static final class CountingLinks implements CertificateLinkService {
    final Map<CertificateId, CertificateId> predecessors = new ConcurrentHashMap<>();
    final AtomicInteger calls = new AtomicInteger();
    volatile String failure = "";

    CountingLinks link(CertificateId older, CertificateId newer) {
      predecessors.put(newer, older);
      return this;
    }

    /** Every later query fails with this message; empty restores normal answers. */
    void failWith(String message) {
      failure = message;
    }

    @Override
    public Optional<CertificateId> predecessorOf(CertificateId current) throws CertificateLinkException {
      calls.incrementAndGet();
      if (!failure.isEmpty()) {
        throw new CertificateLinkException(failure, null);
      }
      return Optional.ofNullable(predecessors.get(current));
    }
  }

  JdbcCertificateLinkCache.Builder linkCache(DataSource source, CertificateLinkService delegate) {
    return JdbcCertificateLinkCache.builder(source, delegate).clock(clock).maxAge(Duration.ofHours(1));
  }

  @Test
  void linkCache_missAsksAndStores_hitDoesNotAsk() throws Exception {
    CountingLinks op = new CountingLinks();
    op.link(OLD, NEW);
    JdbcCertificateLinkCache cache = linkCache(ds, op).build();
    assertThat(cache.predecessorOf(NEW)).contains(OLD);
    assertThat(op.calls.get()).isEqualTo(1);
    assertThat(cache.predecessorOf(NEW)).contains(OLD);
    assertThat(op.calls.get()).as("second query answered from the database").isEqualTo(1);
    assertThat(cache.predecessorOf(OLD)).as("a first issue: no predecessor").isEmpty();
    assertThat(cache.predecessorOf(OLD)).isEmpty();
    assertThat(op.calls.get()).as("\"no link\" is cached too").isEqualTo(2);
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM jpki_certificate_link")) {
      r.next();
      assertThat(r.getInt(1)).isEqualTo(2);
    }
  }

  @Test
  void linkCache_expiresAfterMaxAge_thenAsksAgainAndSeesTheNewAnswer() throws Exception {
    CountingLinks op = new CountingLinks();
    JdbcCertificateLinkCache cache = linkCache(ds, op).build();
    assertThat(cache.predecessorOf(NEW)).isEmpty();
    op.link(OLD, NEW); // the operator learns of the renewal later
    now.set(now.get().plus(Duration.ofMinutes(59)));
    assertThat(cache.predecessorOf(NEW)).as("still fresh").isEmpty();
    assertThat(op.calls.get()).isEqualTo(1);
    now.set(now.get().plus(Duration.ofMinutes(1)));
    assertThat(cache.predecessorOf(NEW)).as("max age reached").contains(OLD);
    assertThat(op.calls.get()).isEqualTo(2);
    assertThat(cache.predecessorOf(NEW)).contains(OLD);
    assertThat(op.calls.get()).as("refreshed entry is fresh again").isEqualTo(2);
  }

  @Test
  void linkCache_delegateFailure_propagatesUnchanged_staleNotServedByDefault() throws Exception {
    CountingLinks op = new CountingLinks();
    op.link(OLD, NEW);
    JdbcCertificateLinkCache cache = linkCache(ds, op).build();
    op.failWith("operator down");
    assertThatThrownBy(() -> cache.predecessorOf(NEW)).as("nothing cached")
        .isInstanceOf(CertificateLinkException.class).hasMessage("operator down");
    op.failWith("");
    assertThat(cache.predecessorOf(NEW)).contains(OLD);
    op.failWith("operator down");
    assertThat(cache.predecessorOf(NEW)).as("fresh answer needs no delegate").contains(OLD);
    now.set(now.get().plus(Duration.ofHours(2)));
    assertThatThrownBy(() -> cache.predecessorOf(NEW)).as("stale answer not served without opt-in")
        .isInstanceOf(CertificateLinkException.class).hasMessage("operator down");

    CertificateLinkException thrown =
        new CertificateLinkException("timeout", null);
    CertificateLinkService failing = current -> {
      throw thrown;
    };
    JdbcCertificateLinkCache overFailing = linkCache(ds, failing).build();
    assertThatThrownBy(() -> overFailing.predecessorOf(SIGN)).as("the delegate's own exception").isSameAs(thrown);
  }

  @Test
  void linkCache_serveStaleOnFailure_optIn() throws Exception {
    CountingLinks op = new CountingLinks();
    op.link(OLD, NEW);
    JdbcCertificateLinkCache cache = linkCache(ds, op).serveStaleOnFailure(true).build();
    assertThat(cache.predecessorOf(NEW)).contains(OLD);
    now.set(now.get().plus(Duration.ofHours(2)));
    op.failWith("operator down");
    assertThat(cache.predecessorOf(NEW)).as("stale answer during an outage").contains(OLD);
    assertThat(op.calls.get()).as("the delegate was tried first").isEqualTo(2);
    assertThatThrownBy(() -> cache.predecessorOf(SIGN)).as("no cached answer: still an error")
        .isInstanceOf(CertificateLinkException.class).hasMessage("operator down");
    op.failWith("");
    op.link(SIGN, NEW); // changed at the operator: a working delegate wins over the stale row
    assertThat(cache.predecessorOf(NEW)).contains(SIGN);
  }

  @Test
  void linkCache_twoInstancesOverOneDatabase_shareEntries() throws Exception {
    CountingLinks op1 = new CountingLinks();
    op1.link(OLD, NEW);
    CountingLinks op2 = new CountingLinks();
    JdbcCertificateLinkCache first = linkCache(db.open(), op1).build();
    JdbcCertificateLinkCache second = linkCache(db.open(), op2).build();
    assertThat(first.predecessorOf(NEW)).contains(OLD);
    assertThat(second.predecessorOf(NEW)).as("answered from the shared table").contains(OLD);
    assertThat(op2.calls.get()).isZero();
    now.set(now.get().plus(Duration.ofHours(1)));
    op2.link(SIGN, NEW);
    assertThat(second.predecessorOf(NEW)).contains(SIGN);
    assertThat(first.predecessorOf(NEW)).as("the refresh by the other instance is shared").contains(SIGN);
    assertThat(op1.calls.get()).isEqualTo(1);
  }

  @Test
  void linkCache_databaseDown_isTypedAndNamesNoValue() {
    CountingLinks op = new CountingLinks();
    op.link(OLD, NEW);
    JdbcCertificateLinkCache cache = linkCache(Databases.down(), op).build();
    assertThatThrownBy(() -> cache.predecessorOf(NEW)).isInstanceOf(CertificateLinkException.class)
        .hasMessageContaining("SQLState").hasMessageNotContaining("JPKI Test").hasMessageNotContaining("2002");
    assertThat(cache.toString()).doesNotContain("JPKI Test");
  }

  // --- helpers ------------------------------------------------------------------------------------

  LoginVerifier verifier(ChallengeStore store) {
    TestPki pki = TestPki.get();
    CertificateValidator validator = CertificateValidator.builder()
        .trustAnchors(TrustAnchors.builder().add(pki.root(KeyType.AUTHENTICATION), KeyType.AUTHENTICATION).build())
        .policies(KeyType.AUTHENTICATION, JpkiOids.POLICY_TEST_AUTH)
        .revocation(RevocationSource.none()).clock(clock).build();
    return LoginVerifier.builder(validator).origin(ORIGIN).challengeStore(store).build();
  }

  static byte[] sign(PrivateKey key, byte[] data) throws Exception {
    byte[] prefix = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, (byte) 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
        0x05, 0x00, 0x04, 0x20};
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(data);
    byte[] info = new byte[prefix.length + hash.length];
    System.arraycopy(prefix, 0, info, 0, prefix.length);
    System.arraycopy(hash, 0, info, prefix.length, hash.length);
    Signature s = Signature.getInstance("NONEwithRSA");
    s.initSign(key);
    s.update(info);
    return s.sign();
  }

  /** A challenge whose encoded value is a readable label's bytes (ids in these tests are labels). */
  private static Challenge ch(String label, String session, Instant expiresAt) {
    return Challenge.of(id(label), session, expiresAt);
  }

  private static String id(String label) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(label.getBytes(StandardCharsets.UTF_8));
  }
}
