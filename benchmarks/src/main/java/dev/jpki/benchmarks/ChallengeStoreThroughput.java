// SPDX-License-Identifier: Apache-2.0
package dev.jpki.benchmarks;

import dev.jpki.jdbc.JdbcChallengeStore;
import dev.jpki.jdbc.SchemaMigrations;
import dev.jpki.verify.Challenge;
import dev.jpki.verify.ChallengeStore;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Login challenges issued and redeemed per second (one {@code put} + one {@code take}, as one login
 * costs the store), on the in-memory store, H2 (embedded, in memory) and PostgreSQL, with the ratio to
 * the in-memory store. A simple timed main, not JMH: database round trips dominate and the question is
 * the order of magnitude. Not run in CI.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.jpki.benchmarks.ChallengeStoreThroughput \
 *     [SECONDS] [THREADS] [jdbc:postgresql://127.0.0.1:55433/jpki_test?user=jpki]
 * </pre>
 *
 * <p>Each thread uses its own session, so per-session eviction never removes a challenge before it is
 * redeemed; connections are opened per call through a plain {@link DataSource} (no pool), which is the
 * pessimistic case: a pool (HikariCP) removes the connection set-up from every call.
 */
public final class ChallengeStoreThroughput {
  private ChallengeStoreThroughput() {}

  /**
   * Runs the measurement.
   *
   * @param args seconds per store (default 5), threads (default 4), PostgreSQL URL (optional)
   * @throws Exception if a store fails
   */
  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    String pg = args.length > 2 ? args[2] : System.getenv("JPKI_TEST_PG_URL");
    Map<String, ChallengeStore> stores = new LinkedHashMap<>();
    stores.put("in-memory", ChallengeStore.inMemory(1_000_000, 4, Clock.systemUTC()));
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1");
    SchemaMigrations.migrate(h2);
    stores.put("H2 (in memory)", JdbcChallengeStore.builder(h2).capacity(1_000_000).build());
    if (pg != null && !pg.isBlank()) {
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setURL(pg);
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS bench CASCADE");
        s.execute("CREATE SCHEMA bench");
      }
      ds.setCurrentSchema("bench");
      SchemaMigrations.migrate(ds);
      stores.put("PostgreSQL", JdbcChallengeStore.builder(ds).capacity(1_000_000).build());
    } else {
      System.out.println("(PostgreSQL skipped: give its JDBC URL as the third argument or JPKI_TEST_PG_URL)");
    }
    double base = 0;
    System.out.printf("%-16s %14s %10s%n", "store", "logins/s", "ratio");
    for (Map.Entry<String, ChallengeStore> e : stores.entrySet()) {
      run(e.getValue(), 1, threads); // warm-up
      double perSecond = run(e.getValue(), seconds, threads);
      if (base == 0) {
        base = perSecond;
      }
      System.out.printf("%-16s %14.0f %9.3fx%n", e.getKey(), perSecond, perSecond / base);
    }
  }

  private static double run(ChallengeStore store, int seconds, int threads) throws Exception {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Thread> ts = new ArrayList<>();
    long[] counts = new long[threads];
    Throwable[] failure = new Throwable[1];
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      int me = t;
      Thread th = new Thread(() -> {
        String session = "bench-" + me;
        byte[] v = new byte[32];
        try {
          while (System.nanoTime() < end) {
            ThreadLocalRandom.current().nextBytes(v);
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(v);
            store.put(Challenge.of(id, session, Instant.now().plusSeconds(120)));
            if (store.take(id).isEmpty()) {
              throw new IllegalStateException("issued challenge not found");
            }
            counts[me]++;
          }
        } catch (RuntimeException ex) {
          failure[0] = ex;
        }
      });
      ts.add(th);
      th.start();
    }
    for (Thread th : ts) {
      th.join();
    }
    if (failure[0] != null) {
      throw new IllegalStateException("store failed", failure[0]);
    }
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    return total / ((System.nanoTime() - start) / 1e9);
  }
}
