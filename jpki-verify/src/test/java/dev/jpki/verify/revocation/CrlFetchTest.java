// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.revocation;

import static dev.jpki.verify.Fixtures.PKI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.jpki.testkit.Personas;
import dev.jpki.card.KeyType;
import dev.jpki.testkit.pki.TestPki;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 finding 6 (JPKI-2026-006): a CRL fetch had no deadline on the body (a server trickling one byte
 * at a time stalled every verification behind one lock), allocated a claimed Content-Length up front, and
 * made concurrent checks wait for a reload instead of answering from the CRL already held. The timeouts
 * below only guard against a hang (they are many times the configured deadline), they measure nothing.
 */
class CrlFetchTest {
  private static final Instant NOW = TestPki.REFERENCE_TIME;
  private static final X509Certificate REVOKED = Personas.get(Personas.REVOKED).authCertificate();
  private static final X509Certificate ROOT = PKI.authRoot();
  private static final byte[] CRL = crl();

  private HttpServer server;
  private final AtomicReference<Instant> wall = new AtomicReference<>(NOW);
  private final Clock wallClock = new Clock() {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId z) {
      return this;
    }

    @Override
    public Instant instant() {
      return wall.get();
    }
  };

  private static byte[] crl() {
    try {
      return PKI.crl(KeyType.AUTHENTICATION, NOW).getEncoded();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private URI serve(HttpHandler handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "crl-test-server");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/auth.crl", handler);
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/auth.crl");
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void tricklingBody_isCutOffAtTheDeadline() throws Exception {
    URI uri = serve(ex -> {
      try {
        ex.sendResponseHeaders(200, 100_000);
        OutputStream os = ex.getResponseBody();
        for (int i = 0; i < 100_000; i++) {
          os.write(0x30);
          os.flush();
          Thread.sleep(100);
        }
      } catch (InterruptedException | IOException e) {
        // the client gave up: expected
      } finally {
        ex.close();
      }
    });
    CrlRevocationSource src = CrlRevocationSource.builder().url(uri).timeout(Duration.ofSeconds(1))
        .wallClock(wallClock).build();
    RevocationStatus s = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> src.check(REVOKED, ROOT, NOW));
    assertThat(s.kind()).isEqualTo(RevocationStatus.Kind.UNAVAILABLE);
  }

  @Test
  void hugeClaimedContentLength_isNotAllocated() throws Exception {
    URI uri = serve(ex -> {
      try {
        // claims 2 GiB - 1, sends a little and hangs up
        ex.sendResponseHeaders(200, Integer.MAX_VALUE);
        ex.getResponseBody().write(CRL, 0, 100);
      } catch (IOException e) {
        // the server complains about the short body: expected
      } finally {
        ex.close();
      }
    });
    CrlRevocationSource src = CrlRevocationSource.builder().url(uri).timeout(Duration.ofSeconds(5))
        .maxBytes(Long.MAX_VALUE).wallClock(wallClock).build();
    assertThatCode(() -> assertThat(src.check(REVOKED, ROOT, NOW).kind())
        .isEqualTo(RevocationStatus.Kind.UNAVAILABLE)).doesNotThrowAnyException();
  }

  @Test
  void whileAReloadHangs_checksAnswerFromThePreviousCrl() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    CountDownLatch secondRequestArrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    URI uri = serve(ex -> {
      try {
        if (requests.incrementAndGet() > 1) {
          secondRequestArrived.countDown();
          release.await(30, TimeUnit.SECONDS);
        }
        ex.sendResponseHeaders(200, CRL.length);
        ex.getResponseBody().write(CRL);
      } catch (InterruptedException | IOException e) {
        // test over
      } finally {
        ex.close();
      }
    });
    CrlRevocationSource src = CrlRevocationSource.builder().url(uri).timeout(Duration.ofSeconds(30))
        .refreshInterval(Duration.ofHours(1)).wallClock(wallClock).build();
    assertThat(src.check(REVOKED, ROOT, NOW).kind()).isEqualTo(RevocationStatus.Kind.REVOKED);

    wall.set(NOW.plus(Duration.ofHours(2)));
    Thread reloader = new Thread(() -> src.check(REVOKED, ROOT, NOW), "reloader");
    reloader.start();
    try {
      assertThat(secondRequestArrived.await(20, TimeUnit.SECONDS)).isTrue();
      RevocationStatus s = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> src.check(REVOKED, ROOT, NOW));
      assertThat(s.kind()).isEqualTo(RevocationStatus.Kind.REVOKED);
    } finally {
      release.countDown();
      reloader.join(30_000);
    }
  }
}
