// SPDX-License-Identifier: Apache-2.0
package dev.jpki.benchmarks;

import dev.jpki.card.KeyType;
import dev.jpki.testkit.pki.OcspSigner;
import dev.jpki.testkit.pki.TestOcspResponder;
import dev.jpki.verify.revocation.OcspRevocationSource;
import dev.jpki.verify.revocation.RevocationStatus;
import java.io.IOException;
import java.math.BigInteger;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Checking an OCSP response (RFC 6960) for the default persona's authentication certificate: the response
 * is made once per trial by the testkit's {@link TestOcspResponder} (signed by a delegated responder whose
 * certificate, with id-kp-OCSPSigning, the authentication root issued and the response carries; or by the
 * root itself), so no network and no signing is in the timing.
 *
 * <p>Ours: {@link OcspRevocationSource#check} through the public API, which builds and encodes a request
 * (with its nonce, as configured by default) and "fetches" over an in-memory {@link HttpClient} that
 * answers every request with the prepared bytes ({@link CannedHttpClient}); the cache is off, so every
 * call parses and checks the response: signature algorithm, signer (the issuer, else a responder
 * certificate the issuer signed, with id-kp-OCSPSigning, keyUsage, critical extensions, validity and the
 * responder ID), nonce, certID (serial and issuer hashes), thisUpdate/nextUpdate/producedAt. The response
 * carries no nonce (a pre-signed response, which the default accepts).
 *
 * <p>Baselines: BouncyCastle's object model doing the same checks ({@code OCSPResp} → {@code BasicOCSPResp},
 * the responder certificate's signature with the issuer key, its EKU and validity, {@code
 * isSignatureValid(ContentVerifierProvider)}, {@code CertificateID.matchesIssuer} and serial, the {@code
 * SingleResp} times, status good); and the bare crypto: raw JDK {@code SHA256withRSA} verifications of the
 * responder certificate (with the issuer key) and of the response (with the responder key), one only when
 * the CA signs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class OcspBenchmark {
  /** Who signs the response. */
  @Param({"AUTHORIZED_RESPONDER", "CA"})
  public String signer = "AUTHORIZED_RESPONDER";

  X509Certificate cert;
  X509Certificate issuer;
  Instant at;
  byte[] response;
  CannedHttpClient http;
  OcspRevocationSource ours;
  // BouncyCastle baseline: what a caller keeps between checks (the issuer and the digest provider)
  X509CertificateHolder issuerHolder;
  DigestCalculatorProvider digests;
  // raw baseline
  byte[] responderTbs;
  byte[] responderSignature;
  PublicKey responderKey;
  byte[] responseTbs;
  byte[] responseSignature;
  PublicKey issuerKey;

  /**
   * Makes the response and checks every benchmark accepts it.
   *
   * @throws Exception if the fixture is broken
   */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    cert = Fixtures.persona().authCertificate();
    issuer = Fixtures.PKI.root(KeyType.AUTHENTICATION);
    issuerKey = issuer.getPublicKey();
    at = Fixtures.CLOCK.instant();
    issuerHolder = new JcaX509CertificateHolder(issuer);
    digests = new JcaDigestCalculatorProviderBuilder().build();
    CertificateID id = new CertificateID(digests.get(CertificateID.HASH_SHA1), issuerHolder, cert.getSerialNumber());
    byte[] request = new OCSPReqBuilder().addRequest(id).build().getEncoded();
    TestOcspResponder responder = TestOcspResponder.builder(Fixtures.PKI).clock(Fixtures.CLOCK)
        .signer(OcspSigner.valueOf(signer)).build();
    setResponse(responder.respond(request, at));
    ours = OcspRevocationSource.builder().responder(URI.create("http://ocsp.invalid/")).httpClient(http)
        .cacheSize(0).build();
    RevocationStatus s = ours();
    if (s.kind() != RevocationStatus.Kind.GOOD) {
      throw new IllegalStateException("our check does not accept the response: " + s.detail());
    }
    if (!bc() || !raw()) {
      throw new IllegalStateException("a baseline does not accept the response");
    }
  }

  /** Uses other response bytes (the smoke test's tampered copy); extracts what the raw baseline needs. */
  void setResponse(byte[] der) throws Exception {
    response = der;
    if (http == null) {
      http = new CannedHttpClient(der);
    } else {
      http.body = der;
    }
    BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(der).getResponseObject();
    responseTbs = basic.getTBSResponseData();
    responseSignature = basic.getSignature();
    X509CertificateHolder[] certs = basic.getCerts();
    if (certs.length > 0) {
      X509CertificateHolder rc = certs[0];
      responderTbs = rc.toASN1Structure().getTBSCertificate().getEncoded();
      responderSignature = rc.getSignature();
      responderKey = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(rc).getPublicKey();
    } else {
      responderTbs = null;
      responderSignature = null;
      responderKey = issuerKey;
    }
  }

  /**
   * Ours: the public entry, with the in-memory fetch.
   *
   * @return GOOD
   */
  @Benchmark
  public RevocationStatus ours() {
    return ours.check(cert, issuer, at);
  }

  /**
   * BouncyCastle: parse, responder authorisation, signature, certID, freshness, status.
   *
   * @return true if the response says "good" for the certificate and is authentic and current
   * @throws Exception if BouncyCastle cannot parse or verify
   */
  @Benchmark
  public boolean bc() throws Exception {
    OCSPResp resp = new OCSPResp(response);
    if (resp.getStatus() != OCSPResp.SUCCESSFUL || !(resp.getResponseObject() instanceof BasicOCSPResp basic)) {
      return false;
    }
    Date now = Date.from(at);
    ContentVerifierProvider verifier;
    X509CertificateHolder[] certs = basic.getCerts();
    if (certs.length == 0) {
      verifier = new JcaContentVerifierProviderBuilder().build(issuerKey);
    } else {
      X509CertificateHolder rc = certs[0];
      if (!rc.getIssuer().equals(issuerHolder.getSubject())
          || !rc.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuerKey))) {
        return false;
      }
      ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(rc.getExtensions());
      if (eku == null || !eku.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning) || !rc.isValidOn(now)) {
        return false;
      }
      verifier = new JcaContentVerifierProviderBuilder().build(rc);
    }
    if (!basic.isSignatureValid(verifier)) {
      return false;
    }
    BigInteger serial = cert.getSerialNumber();
    for (SingleResp s : basic.getResponses()) {
      if (s.getCertID().getSerialNumber().equals(serial) && s.getCertID().matchesIssuer(issuerHolder, digests)) {
        Date next = s.getNextUpdate();
        return !s.getThisUpdate().after(now) && (next == null || !next.before(now))
            && s.getCertStatus() == CertificateStatus.GOOD;
      }
    }
    return false;
  }

  /**
   * The floor: raw JDK RSA verifications of the responder certificate and of the response (only the
   * response's when the CA signs).
   *
   * @return true if both verify
   * @throws GeneralSecurityException never for the prepared inputs
   */
  @Benchmark
  public boolean raw() throws GeneralSecurityException {
    Signature s = Signature.getInstance("SHA256withRSA");
    if (responderTbs != null) {
      s.initVerify(issuerKey);
      s.update(responderTbs);
      if (!s.verify(responderSignature)) {
        return false;
      }
    }
    s.initVerify(responderKey);
    s.update(responseTbs);
    return s.verify(responseSignature);
  }

  /**
   * An {@link HttpClient} that answers every request with the same 200 response and body, in the
   * caller's thread: the trivial "fetch" of the OCSP benchmark. Only {@code sendAsync} and {@code send}
   * are meaningful; the configuration getters say "none".
   */
  static final class CannedHttpClient extends HttpClient {
    volatile byte[] body;
    long requests;

    CannedHttpClient(byte[] body) {
      this.body = body;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
        throws IOException {
      return sendAsync(request, handler).join();
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
        HttpResponse.BodyHandler<T> handler) {
      requests++;
      byte[] b = body;
      HttpHeaders headers = HttpHeaders.of(Map.of("Content-Length", List.of(Integer.toString(b.length)),
          "Content-Type", List.of("application/ocsp-response")), (k, v) -> true);
      HttpResponse.BodySubscriber<T> sub = handler.apply(new HttpResponse.ResponseInfo() {
        @Override
        public int statusCode() {
          return 200;
        }

        @Override
        public HttpHeaders headers() {
          return headers;
        }

        @Override
        public Version version() {
          return Version.HTTP_1_1;
        }
      });
      boolean[] requested = {false};
      sub.onSubscribe(new Flow.Subscription() {
        @Override
        public void request(long n) {
          requested[0] = true;
        }

        @Override
        public void cancel() {}
      });
      if (requested[0]) {
        sub.onNext(List.of(ByteBuffer.wrap(b)));
        sub.onComplete();
      }
      return sub.getBody().toCompletableFuture().thenApply(t -> new Response<>(request, headers, t));
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
        HttpResponse.BodyHandler<T> handler, HttpResponse.PushPromiseHandler<T> push) {
      return sendAsync(request, handler);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
      return Optional.empty();
    }

    @Override
    public Optional<Duration> connectTimeout() {
      return Optional.empty();
    }

    @Override
    public Redirect followRedirects() {
      return Redirect.NEVER;
    }

    @Override
    public Optional<ProxySelector> proxy() {
      return Optional.empty();
    }

    @Override
    public SSLContext sslContext() {
      throw new UnsupportedOperationException("no TLS in memory");
    }

    @Override
    public SSLParameters sslParameters() {
      return new SSLParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
      return Optional.empty();
    }

    @Override
    public Version version() {
      return Version.HTTP_1_1;
    }

    @Override
    public Optional<Executor> executor() {
      return Optional.empty();
    }
  }

  /** The canned 200 response. */
  private record Response<T>(HttpRequest request, HttpHeaders headers, T body) implements HttpResponse<T> {
    @Override
    public int statusCode() {
      return 200;
    }

    @Override
    public Optional<HttpResponse<T>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public URI uri() {
      return request.uri();
    }

    @Override
    public HttpClient.Version version() {
      return HttpClient.Version.HTTP_1_1;
    }
  }
}
