// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jpki.card.KeyType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CRLException;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tiny loopback HTTP server for the test PKI's revocation data: OCSP at {@code /ocsp} (POST with a
 * DER request, or GET {@code /ocsp/<base64>} per RFC 6960 appendix A) and fresh CRLs at {@code
 * /crl/sign.crl} and {@code /crl/auth.crl}. Binds 127.0.0.1 only. Backs {@code ./jpki testkit ocsp
 * --port N}. Handlers run on the server's dispatcher thread; {@link #close()} stops it.
 */
public final class TestOcspServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TestOcspServer.class);
  private static final int MAX_REQUEST = 64 * 1024;

  private final HttpServer server;
  private final TestOcspResponder responder;
  private final TestPki pki;
  private final Clock clock;
  private final AtomicLong ocspRequests = new AtomicLong();

  private TestOcspServer(HttpServer server, TestOcspResponder responder, TestPki pki, Clock clock) {
    this.server = server;
    this.responder = responder;
    this.pki = pki;
    this.clock = clock;
  }

  /**
   * Starts a server with the PKI's default responder and the system clock.
   *
   * @param pki the PKI
   * @param port the port on 127.0.0.1, or 0 for an ephemeral one
   * @return the running server
   * @throws IOException if the port cannot be bound
   */
  public static TestOcspServer start(TestPki pki, int port) throws IOException {
    return start(pki, TestOcspResponder.builder(pki).build(), port, Clock.systemUTC());
  }

  /**
   * Starts a server with a given responder and a clock for CRL freshness and OCSP times.
   *
   * @param pki the PKI whose CRLs to serve
   * @param responder the OCSP responder
   * @param port the port on 127.0.0.1, or 0 for an ephemeral one
   * @param clock the clock
   * @return the running server
   * @throws IOException if the port cannot be bound
   */
  public static TestOcspServer start(
      TestPki pki, TestOcspResponder responder, int port, Clock clock) throws IOException {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    TestOcspServer s = new TestOcspServer(http, responder, pki, clock);
    http.createContext("/ocsp", s::handleOcsp);
    http.createContext("/crl/", s::handleCrl);
    http.start();
    log.debug("Test OCSP/CRL server listening on 127.0.0.1:{}", s.port());
    return s;
  }

  /**
   * The bound port.
   *
   * @return the port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * {@code http://127.0.0.1:<port>/ocsp}.
   *
   * @return the OCSP URI
   */
  public URI ocspUri() {
    return URI.create("http://127.0.0.1:" + port() + "/ocsp");
  }

  /**
   * {@code http://127.0.0.1:<port>/crl/<sign|auth>.crl}.
   *
   * @param type SIGN or AUTH
   * @return the CRL URI
   */
  public URI crlUri(KeyType type) {
    return URI.create("http://127.0.0.1:" + port() + "/crl/" + CertProfiles.fileStem(type) + ".crl");
  }

  /**
   * Number of OCSP requests answered so far (tests of caching).
   *
   * @return the count
   */
  public long ocspRequestCount() {
    return ocspRequests.get();
  }

  /** Stops the server at once. Idempotent. */
  @Override
  public void close() {
    server.stop(0);
  }

  private void handleOcsp(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] request;
      String method = ex.getRequestMethod();
      if ("POST".equals(method)) {
        request = readLimited(ex.getRequestBody());
        if (request == null) {
          send(ex, 413, "text/plain", "request too large".getBytes(StandardCharsets.US_ASCII));
          return;
        }
      } else if ("GET".equals(method)) {
        String path = ex.getRequestURI().getRawPath();
        String encoded = path.length() > "/ocsp/".length() ? path.substring("/ocsp/".length()) : "";
        try {
          request = Base64.getDecoder().decode(URLDecoder.decode(encoded, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
          request = new byte[0];
        }
      } else {
        send(ex, 405, "text/plain", "use POST or GET".getBytes(StandardCharsets.US_ASCII));
        return;
      }
      ocspRequests.incrementAndGet();
      send(ex, 200, "application/ocsp-response", responder.respond(request, clock.instant()));
    }
  }

  private void handleCrl(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      KeyType type = null;
      for (KeyType t : KeyType.values()) {
        if (path.equals("/crl/" + CertProfiles.fileStem(t) + ".crl")) {
          type = t;
        }
      }
      if (type == null || !"GET".equals(ex.getRequestMethod())) {
        send(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.US_ASCII));
        return;
      }
      try {
        send(ex, 200, "application/pkix-crl", pki.crl(type, clock.instant()).getEncoded());
      } catch (CRLException e) {
        send(ex, 500, "text/plain", "cannot encode CRL".getBytes(StandardCharsets.US_ASCII));
      }
    }
  }

  private static byte @org.jspecify.annotations.Nullable [] readLimited(InputStream in)
      throws IOException {
    byte[] data = in.readNBytes(MAX_REQUEST + 1);
    return data.length > MAX_REQUEST ? null : data;
  }

  private static void send(HttpExchange ex, int code, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(code, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public String toString() {
    return "TestOcspServer[127.0.0.1:" + port() + "]";
  }
}
