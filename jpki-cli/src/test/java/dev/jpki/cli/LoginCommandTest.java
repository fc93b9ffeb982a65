// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code jpki login URL} against fake servers: what it refuses before the card. The full round trip
 * against the example server is {@code examples/.../LoginServerTest} and {@code BrowserLoginTest}.
 */
class LoginCommandTest {
  @Test
  void notAnHttpUrl_isUsageError() {
    CliRunner.Result r = new CliRunner().env("PIN", "1234").run("--virtual", "--pin-env", "PIN", "login", "file:///etc/passwd");
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("http");
  }

  @Test
  void malformedPin_stopsBeforeTheServerAndTheCard() {
    CliRunner.Result r = new CliRunner().env("PIN", "12x4").run("--virtual", "--pin-env", "PIN", "login", "http://127.0.0.1:1/c/x");
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void serverUnreachable_isIndeterminate() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    CliRunner.Result r = new CliRunner().env("PIN", "1234").run("--virtual", "--pin-env", "PIN", "login",
        "http://127.0.0.1:" + port + "/c/x");
    assertThat(r.code()).isEqualTo(ExitCode.INDETERMINATE);
  }

  @Test
  void loginAddressOnAnotherSite_isRefusedBeforeTheCard() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      byte[] b = "{\"challenge\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"login\":\"https://evil.example/api/login\"}"
          .getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    server.start();
    try {
      CliRunner.Result r = new CliRunner().env("PIN", "1234").run("--virtual", "--pin-env", "PIN", "login",
          "http://127.0.0.1:" + server.getAddress().getPort() + "/c/x");
      assertThat(r.code()).isEqualTo(ExitCode.USAGE);
      assertThat(r.err()).contains("another site");
    } finally {
      server.stop(0);
    }
  }
}
