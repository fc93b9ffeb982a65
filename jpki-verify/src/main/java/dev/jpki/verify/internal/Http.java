// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Bounded HTTP GET/POST over {@code java.net.http}: one deadline on the whole exchange (connection,
 * headers and body, so a server trickling its body cannot stall the caller), status check, response size
 * cap, and a first buffer that does not trust a claimed Content-Length.
 */
public final class Http {
  /** First allocation for a body whatever Content-Length claims; the buffer grows with received bytes. */
  public static final int INITIAL_BUFFER_BYTES = 64 * 1024;

  private Http() {}

  /**
   * GETs a resource.
   *
   * @param client the client
   * @param uri http(s) URI
   * @param deadline deadline of the whole exchange, body included
   * @param maxBytes largest body accepted
   * @return the body
   * @throws IOException on network errors, a non-200 status, an oversized body or the deadline passing
   */
  public static byte[] get(HttpClient client, URI uri, Duration deadline, long maxBytes) throws IOException {
    HttpRequest req = HttpRequest.newBuilder(checkScheme(uri)).timeout(deadline).GET().build();
    return send(client, req, deadline, maxBytes);
  }

  /**
   * POSTs a body.
   *
   * @param client the client
   * @param uri http(s) URI
   * @param contentType request content type
   * @param body request body
   * @param deadline deadline of the whole exchange, body included
   * @param maxBytes largest body accepted
   * @return the response body
   * @throws IOException on network errors, a non-200 status, an oversized body or the deadline passing
   */
  public static byte[] post(HttpClient client, URI uri, String contentType, byte[] body, Duration deadline,
      long maxBytes) throws IOException {
    HttpRequest req = HttpRequest.newBuilder(checkScheme(uri)).timeout(deadline)
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    return send(client, req, deadline, maxBytes);
  }

  private static URI checkScheme(URI uri) throws IOException {
    String s = uri.getScheme();
    if (s == null || !(s.equalsIgnoreCase("http") || s.equalsIgnoreCase("https"))) {
      throw new IOException("unsupported URI scheme (only http and https): " + s);
    }
    return uri;
  }

  private static byte[] send(HttpClient client, HttpRequest req, Duration deadline, long maxBytes)
      throws IOException {
    // the request timeout covers only the wait for the headers: the body is bounded by waiting on the
    // whole exchange with the deadline and cancelling it when the deadline passes
    CompletableFuture<HttpResponse<byte[]>> f = client.sendAsync(req, info -> {
      if (info.statusCode() != 200) {
        return HttpResponse.BodySubscribers.replacing(new byte[0]);
      }
      long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
      return new CappedBody(declared, maxBytes);
    });
    HttpResponse<byte[]> resp;
    try {
      resp = f.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new IOException("no complete response within " + deadline);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      throw new IOException("request failed: " + (c == null ? e : c).getClass().getSimpleName());
    }
    if (resp.statusCode() != 200) {
      throw new IOException("HTTP status " + resp.statusCode());
    }
    return resp.body();
  }

  /** Collects a body up to a cap; refuses a larger claim at once and a larger body as it arrives. */
  private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final long declared;
    private final long maxBytes;
    private final ByteArrayOutputStream out;
    private Flow.@Nullable Subscription subscription;
    private long total;

    CappedBody(long declared, long maxBytes) {
      this.declared = declared;
      this.maxBytes = maxBytes;
      this.out = new ByteArrayOutputStream((int) Math.max(0, Math.min(declared, INITIAL_BUFFER_BYTES)));
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      this.subscription = s;
      if (declared > maxBytes) {
        s.cancel();
        result.completeExceptionally(new IOException("response of " + declared
            + " bytes exceeds the limit of " + maxBytes));
        return;
      }
      s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer b : items) {
        total += b.remaining();
        if (total > maxBytes) {
          Flow.Subscription s = subscription;
          if (s != null) {
            s.cancel();
          }
          result.completeExceptionally(new IOException("response exceeds the limit of " + maxBytes + " bytes"));
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        out.write(chunk, 0, chunk.length);
      }
      Flow.Subscription s = subscription;
      if (s != null) {
        s.request(1);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t instanceof IOException ? t : new IOException(t.getClass().getSimpleName()));
    }

    @Override
    public void onComplete() {
      result.complete(out.toByteArray());
    }
  }
}
