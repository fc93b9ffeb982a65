package dev.jpki.verify.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Bounded HTTP GET/POST over {@code java.net.http}: timeouts, status check, response size cap. */
public final class Http {
  private Http() {}

  /**
   * GETs a resource.
   *
   * @param client the client
   * @param uri http(s) URI
   * @param timeout request timeout
   * @param maxBytes largest body accepted
   * @return the body
   * @throws IOException on network errors, a non-200 status, or an oversized body
   */
  public static byte[] get(HttpClient client, URI uri, Duration timeout, long maxBytes) throws IOException {
    HttpRequest req = HttpRequest.newBuilder(checkScheme(uri)).timeout(timeout).GET().build();
    return send(client, req, maxBytes);
  }

  /**
   * POSTs a body.
   *
   * @param client the client
   * @param uri http(s) URI
   * @param contentType request content type
   * @param body request body
   * @param timeout request timeout
   * @param maxBytes largest body accepted
   * @return the response body
   * @throws IOException on network errors, a non-200 status, or an oversized body
   */
  public static byte[] post(HttpClient client, URI uri, String contentType, byte[] body, Duration timeout,
      long maxBytes) throws IOException {
    HttpRequest req = HttpRequest.newBuilder(checkScheme(uri)).timeout(timeout)
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    return send(client, req, maxBytes);
  }

  private static URI checkScheme(URI uri) throws IOException {
    String s = uri.getScheme();
    if (s == null || !(s.equalsIgnoreCase("http") || s.equalsIgnoreCase("https"))) {
      throw new IOException("unsupported URI scheme (only http and https): " + s);
    }
    return uri;
  }

  private static byte[] send(HttpClient client, HttpRequest req, long maxBytes) throws IOException {
    HttpResponse<InputStream> resp;
    try {
      resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    }
    try (InputStream in = resp.body()) {
      if (resp.statusCode() != 200) {
        throw new IOException("HTTP status " + resp.statusCode());
      }
      long declared = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (declared > maxBytes) {
        throw new IOException("response of " + declared + " bytes exceeds the limit of " + maxBytes);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
      byte[] buf = new byte[65536];
      long total = 0;
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw new IOException("response exceeds the limit of " + maxBytes + " bytes");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    }
  }
}
