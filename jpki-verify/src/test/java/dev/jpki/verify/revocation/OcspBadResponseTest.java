// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.revocation;

import static dev.jpki.verify.Fixtures.CLOCK;
import static dev.jpki.verify.Fixtures.PKI;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.jpki.testkit.Personas;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OcspBadResponseTest {
  @ParameterizedTest
  @ValueSource(strings = {"garbage", "http500", "hugeLength", "deepNesting", "empty", "tooLarge"})
  void hostileResponder_isUnavailableNeverGood(String kind) throws Exception {
    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/ocsp", ex -> {
      byte[] body;
      int status = 200;
      switch (kind) {
        case "garbage": body = "not an OCSP response".getBytes(); break;
        case "http500": body = new byte[0]; status = 500; break;
        case "hugeLength": body = new byte[] {0x30, (byte) 0x84, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0A};
          break;
        case "deepNesting": body = new byte[20_000];
          for (int i = 0; i < body.length; i += 2) {
            body[i] = 0x30;
            body[i + 1] = (byte) 0x80;
          }
          break;
        case "tooLarge": body = new byte[2 * 1024 * 1024]; break;
        default: body = new byte[0];
      }
      ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(body);
      }
    });
    http.start();
    try {
      RevocationSource src = OcspRevocationSource.builder()
          .responder(URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/ocsp")).build();
      RevocationStatus s = src.check(Personas.get(Personas.DEFAULT).authCertificate(), PKI.authRoot(), CLOCK.instant());
      assertThat(s.kind()).as(s.toString()).isEqualTo(RevocationStatus.Kind.UNAVAILABLE);
    } finally {
      http.stop(0);
    }
  }
}
