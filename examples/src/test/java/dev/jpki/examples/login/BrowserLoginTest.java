// SPDX-License-Identifier: Apache-2.0
package dev.jpki.examples.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jpki.verify.LoginVerifier;
import dev.jpki.testkit.Personas;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The login round trip in a real browser: headless Chromium (Debian {@code chromium}) driven through the
 * system chromedriver's W3C WebDriver HTTP API (Debian {@code chromium-driver}); nothing is downloaded at
 * test time. The page asks for a challenge, {@code jpki login} signs it on the virtual card, and the page
 * changes to "logged in as …". A screenshot is written to {@code target/login-page.png}.
 *
 * <p>Without Chromium or chromedriver the test is skipped with the reason, unless
 * {@code JPKI_REQUIRE_BROWSER=true} (set by .ci/run), which makes their absence a failure.
 */
class BrowserLoginTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @Test
  void pageChangesToLoggedIn_afterJpkiLoginOnTheVirtualCard() throws Exception {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      String why = "Chromium (" + CHROMIUM + ") or chromedriver (" + CHROMEDRIVER + ") is not installed"
          + " (Debian packages chromium, chromium-driver)";
      if ("true".equalsIgnoreCase(System.getenv("JPKI_REQUIRE_BROWSER"))) {
        throw new AssertionError("JPKI_REQUIRE_BROWSER=true but " + why);
      }
      Assumptions.abort(why);
    }
    Path profile = Files.createTempDirectory("jpki-chromium-");
    int port = freePort();
    Process driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port)
        .redirectErrorStream(true).redirectOutput(Path.of("target", "chromedriver.log").toFile()).start();
    String base = "http://127.0.0.1:" + port;
    try (LoginServer server = LoginServer.start(0, "jdbc:h2:mem:browser" + UUID.randomUUID().toString().replace("-", "")
        + ";DB_CLOSE_DELAY=-1", null)) {
      waitUntilUp(base);
      String session = newSession(base, profile);
      try {
        call("POST", base + "/session/" + session + "/url", Http.JSON.createObjectNode().put("url", server.origin() + "/"));
        String url = waitFor(base, session, "return document.getElementById('command').dataset.url || ''");
        assertThat(url).startsWith(server.origin() + "/c/");

        int code = LoginServerTest.cli(Map.of("PIN", "1234"), "--virtual", "--pin-env", "PIN", "login", url);
        assertThat(code).isZero();

        String state = waitFor(base, session,
            "const t = document.getElementById('state').textContent; return t.startsWith('logged in') ? t : ''");
        assertThat(state).isEqualTo("logged in as " + LoginVerifier.subjectId(Personas.get(Personas.DEFAULT).authCertificate()));

        JsonNode shot = call("GET", base + "/session/" + session + "/screenshot", null);
        Path png = Path.of("target", "login-page.png");
        Files.write(png, Base64.getDecoder().decode(shot.get("value").asText()));
        assertThat(Files.size(png)).isGreaterThan(1000);
      } finally {
        call("DELETE", base + "/session/" + session, null);
      }
    } finally {
      driver.destroy();
      if (!driver.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        driver.destroyForcibly();
      }
      deleteTree(profile);
    }
  }

  private String newSession(String base, Path profile) throws Exception {
    ObjectNode caps = Http.JSON.createObjectNode();
    ObjectNode always = caps.putObject("capabilities").putObject("alwaysMatch");
    always.put("browserName", "chrome");
    ObjectNode chrome = always.putObject("goog:chromeOptions");
    chrome.put("binary", CHROMIUM.toString());
    for (String a : new String[] {"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--window-size=900,900", "--user-data-dir=" + profile}) {
      chrome.withArray("args").add(a);
    }
    return call("POST", base + "/session", caps).get("value").get("sessionId").asText();
  }

  /** Runs a script every 200 ms until it returns a non-empty string (at most 60 s). */
  private String waitFor(String base, String session, String script) throws Exception {
    ObjectNode body = Http.JSON.createObjectNode().put("script", script);
    body.putArray("args");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      String v = call("POST", base + "/session/" + session + "/execute/sync", body).get("value").asText("");
      if (!v.isEmpty()) {
        return v;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the page did not get there within 60 s: " + script);
  }

  private JsonNode call(String method, String url, ObjectNode body) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(90))
        .header("Content-Type", "application/json");
    r.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(Http.JSON.writeValueAsBytes(body)));
    HttpResponse<String> resp = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    if (resp.statusCode() != 200) {
      throw new AssertionError("WebDriver " + method + " " + url + " -> " + resp.statusCode() + ": " + resp.body());
    }
    return Http.JSON.readTree(resp.body());
  }

  private void waitUntilUp(String base) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (http.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(100);
    }
    throw new AssertionError("chromedriver did not start; see target/chromedriver.log");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
