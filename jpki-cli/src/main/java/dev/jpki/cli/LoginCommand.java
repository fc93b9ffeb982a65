// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jpki.internal.LoginMessage;
import dev.jpki.card.Pin;
import dev.jpki.card.PinType;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jpki login URL}: the holder's side of a web login. Fetches the challenge from {@code URL}
 * ({@code GET}, JSON {@code {"challenge": "<base64url>", "login": "<where to post>"}}), signs it with the
 * authentication key after the PIN, bound to the origin of {@code URL} (never to an origin the server
 * names), posts {@code {"challenge", "signature", "certificate"}} (Base64) to the login address, which must
 * be on the same origin, and prints the server's answer.
 *
 * <p>Exit codes: 0 logged in, 1 refused, 2 bad URL or a malformed answer from the server, 3 the server
 * could not decide (e.g. its database is down: HTTP 503) or could not be reached, 4 card or reader,
 * 5 and 6 PIN.
 */
@Command(name = "login", description = "Log in to a web site with the card: fetch its challenge, sign it with the auth key (PIN), post it, print the answer.")
final class LoginCommand implements Callable<Integer> {
  /** Answers larger than this are not read: a login answer is a few hundred bytes. */
  static final int MAX_ANSWER_BYTES = 64 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "URL", description = "The site's challenge address, as its login page shows it.")
  String url = "";

  @Override
  public Integer call() throws Exception {
    Main main = Main.root(spec);
    URI challengeUri;
    String origin;
    try {
      challengeUri = URI.create(url.trim());
      origin = LoginMessage.origin(url);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, "URL must be an http or https address: " + e.getMessage(), e);
    }
    char[] secret = Secrets.read(main, main.pinEnv, "--pin-env", "user-authentication PIN (4 digits)");
    try {
      // Format checked before anything else: a malformed PIN never reaches the card nor costs a try.
      Pin.of(PinType.AUTHENTICATION, secret).close();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER).build();

      JsonNode offer = get(http, challengeUri);
      String challenge = text(offer, "challenge");
      byte[] challengeBytes;
      try {
        challengeBytes = Base64.getUrlDecoder().decode(challenge);
        LoginMessage.encode(origin, challengeBytes); // length check before the card
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCode.USAGE, "the server's challenge is malformed: " + e.getMessage(), e);
      }
      URI loginUri = loginAddress(challengeUri, offer, origin);

      Object[] signed;
      try (Pin pin = Pin.of(PinType.AUTHENTICATION, secret)) {
        signed = CardSupport.withCard(main, card -> {
          X509Certificate cert = card.jpki().authCertificate();
          card.jpki().verify(pin, CardSupport.verifyOptions(main));
          return new Object[] {cert, card.jpki().signLogin(origin, challengeBytes)};
        });
      }
      ObjectNode body = JSON.createObjectNode()
          .put("challenge", challenge)
          .put("signature", Base64.getEncoder().encodeToString((byte[]) signed[1]))
          .put("certificate", Base64.getEncoder().encodeToString(((X509Certificate) signed[0]).getEncoded()));
      return answer(main, post(http, loginUri, JSON.writeValueAsBytes(body)), origin);
    } finally {
      Secrets.wipe(secret);
    }
  }

  private static URI loginAddress(URI challengeUri, JsonNode offer, String origin) {
    JsonNode login = offer.get("login");
    URI target;
    try {
      target = login == null || !login.isTextual() ? challengeUri : challengeUri.resolve(login.asText());
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, "the server's login address is malformed", e);
    }
    String targetOrigin;
    try {
      targetOrigin = LoginMessage.origin(target.toString());
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, "the server's login address is not http(s)", e);
    }
    if (!targetOrigin.equals(origin)) {
      throw new CliException(ExitCode.USAGE, "the server asks to post the login to another site (" + targetOrigin
          + "); refused: a login goes only to the site it is for (" + origin + ")");
    }
    return target;
  }

  private static int answer(Main main, Reply reply, String origin) {
    JsonNode server = reply.json;
    String status = server != null && server.path("status").isTextual() ? server.path("status").asText() : "";
    ObjectNode doc = Output.object().put("origin", origin).put("httpStatus", reply.status);
    if (server != null) {
      doc.set("server", server);
    }
    if (server != null && reply.status == 200 && "VALID".equals(status)) {
      String subject = server.path("subjectId").asText("");
      doc.put("status", "VALID").put("subjectId", subject);
      main.output().print(doc, "Logged in to " + origin + " as " + subject);
      return ExitCode.OK;
    }
    String reason = server != null ? server.path("reason").asText("") : "";
    String message = server != null ? server.path("message").asText("") : "";
    boolean undecided = reply.status == 503 || "INDETERMINATE".equals(status);
    doc.put("status", undecided ? "INDETERMINATE" : "INVALID");
    main.output().print(doc, (undecided ? "Not decided by " : "Refused by ") + origin + " (HTTP " + reply.status + ")"
        + (reason.isEmpty() ? "" : ": " + reason) + (message.isEmpty() ? "" : " - " + message));
    return undecided ? ExitCode.INDETERMINATE : ExitCode.NEGATIVE;
  }

  private static JsonNode get(HttpClient http, URI uri) {
    Reply r = send(http, HttpRequest.newBuilder(uri).header("Accept", "application/json").GET());
    if (r.status != 200 || r.json == null) {
      throw new CliException(r.status == 503 ? ExitCode.INDETERMINATE : ExitCode.USAGE,
          "no challenge from " + uri + " (HTTP " + r.status + (r.json == null ? ", not JSON" : "") + ")");
    }
    return r.json;
  }

  private static Reply post(HttpClient http, URI uri, byte[] body) {
    return send(http, HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private static Reply send(HttpClient http, HttpRequest.Builder request) {
    HttpRequest req = request.timeout(Duration.ofSeconds(30)).build();
    try {
      HttpResponse<InputStream> resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
      byte[] bytes;
      try (InputStream in = resp.body()) {
        bytes = in.readNBytes(MAX_ANSWER_BYTES + 1);
      }
      if (bytes.length > MAX_ANSWER_BYTES) {
        throw new CliException(ExitCode.USAGE, "the answer from " + req.uri() + " is larger than "
            + MAX_ANSWER_BYTES + " bytes");
      }
      JsonNode json = null;
      try {
        JsonNode parsed = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        json = parsed != null && parsed.isObject() ? parsed : null;
      } catch (IOException notJson) {
        json = null;
      }
      return new Reply(resp.statusCode(), json);
    } catch (IOException e) {
      throw new CliException(ExitCode.INDETERMINATE, "cannot reach " + req.uri() + ": "
          + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCode.INDETERMINATE, "interrupted while talking to " + req.uri(), e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new CliException(ExitCode.USAGE, "the server's answer has no \"" + field + "\" text field");
    }
    return v.asText();
  }

  /** An HTTP status and its body when that is a JSON object. */
  private static final class Reply {
    final int status;
    final @org.jspecify.annotations.Nullable JsonNode json;

    Reply(int status, @org.jspecify.annotations.Nullable JsonNode json) {
      this.status = status;
      this.json = json;
    }
  }
}
