// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.card.KeyType;
import dev.jpki.testkit.pki.TestPki;
import dev.jpki.verify.revocation.CrlIndex;
import dev.jpki.verify.revocation.CrlRevocationSource;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verifiers and the CRL index shared by 8 threads while the CRLs behind them are rewritten and reloaded
 * all the time: every answer must be the single-threaded one — no INDETERMINATE because a CRL was
 * momentarily missing or half-written, no wrong status.
 */
class VerifierConcurrencyTest {
  private static final TestPki PKI = Fixtures.PKI;
  private static final Instant REF = TestPki.REFERENCE_TIME;
  private static final int THREADS = 8;
  private static final int ROUNDS = 60;

  /** CRLs with the standard entries, each one second newer than the one before. */
  private static List<byte[]> crlGenerations(KeyType type, int n) throws Exception {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(PKI.crlBuilder(type).standardEntries()
          .updates(REF.minus(Duration.ofHours(1)).plusSeconds(i), REF.plus(Duration.ofHours(23)))
          .build().getEncoded());
    }
    return out;
  }

  /** Replaces the file atomically, or (every 5th time) rewrites it in place so a reader can see a torn file. */
  private static void publish(Path file, byte[] crl, int i) throws Exception {
    if (i % 5 == 4) {
      Files.write(file, crl);
      return;
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp" + i);
    Files.write(tmp, crl);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Test
  void validatorAndSignatureVerifier_eightThreads_whileCrlsReload(@TempDir Path dir) throws Exception {
    Path signCrl = dir.resolve("sign.crl");
    Path authCrl = dir.resolve("auth.crl");
    List<byte[]> signGens = crlGenerations(KeyType.SIGNATURE, 12);
    List<byte[]> authGens = crlGenerations(KeyType.AUTHENTICATION, 12);
    Files.write(signCrl, signGens.get(0));
    Files.write(authCrl, authGens.get(0));
    // Reload on (almost) every check, and retry at once after a failed (torn) read.
    CrlRevocationSource crls = CrlRevocationSource.builder().file(signCrl).file(authCrl)
        .refreshInterval(Duration.ofNanos(1)).retryInterval(Duration.ZERO).build();
    CertificateValidator validator = Fixtures.validator(crls);
    SignatureVerifier verifier = Fixtures.signatureVerifier(crls);

    Persona good = Personas.get(Personas.DEFAULT);
    Persona revoked = Personas.get(Personas.REVOKED);
    byte[] data = "concurrent document".getBytes(StandardCharsets.UTF_8);
    byte[] goodSig = Fixtures.cardSign(good.signKeyPair().orElseThrow().getPrivate(), data);
    byte[] revokedSig = Fixtures.cardSign(revoked.signKeyPair().orElseThrow().getPrivate(), data);

    // the single-threaded answers
    Map<String, String> expected = new ConcurrentHashMap<>();
    List<Check> checks = List.of(
        new Check("default auth certificate", () -> validator.validate(good.authCertificate())),
        new Check("default sign certificate", () -> validator.validate(good.signCertificate().orElseThrow())),
        new Check("revoked auth certificate", () -> validator.validate(revoked.authCertificate())),
        new Check("raw signature, good signer", () -> verifier.verifyRaw(goodSig, data,
            good.signCertificate().orElseThrow())),
        new Check("raw signature, revoked signer", () -> verifier.verifyRaw(revokedSig, data,
            revoked.signCertificate().orElseThrow())));
    for (Check c : checks) {
      expected.put(c.name, c.answer());
    }
    assertThat(expected.get("default auth certificate")).startsWith("VALID");
    assertThat(expected.get("raw signature, good signer")).startsWith("VALID");
    assertThat(expected.get("revoked auth certificate")).startsWith("INVALID").contains("REVOKED");
    assertThat(expected.get("raw signature, revoked signer")).startsWith("INVALID").contains("REVOKED");

    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger reloads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
    try {
      Future<?> writer = pool.submit(() -> {
        for (int i = 1; !stop.get(); i++) {
          publish(signCrl, signGens.get(i % signGens.size()), i);
          publish(authCrl, authGens.get(i % authGens.size()), i);
          reloads.addAndGet(crls.refresh());
        }
        return null;
      });
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<String>>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int offset = t;
        workers.add(pool.submit(() -> {
          start.await();
          List<String> wrong = new ArrayList<>();
          for (int r = 0; r < ROUNDS; r++) {
            Check c = checks.get((r + offset) % checks.size());
            String got = c.answer();
            if (!got.equals(expected.get(c.name))) {
              wrong.add(c.name + ": " + got);
            }
          }
          return wrong;
        }));
      }
      start.countDown();
      List<String> wrong = new ArrayList<>();
      for (Future<List<String>> w : workers) {
        wrong.addAll(w.get());
      }
      stop.set(true);
      writer.get();
      assertThat(wrong).as("answers that differ from the single-threaded ones").isEmpty();
      assertThat(reloads.get()).as("the CRLs really were reloaded meanwhile").isPositive();
    } finally {
      stop.set(true);
      pool.shutdownNow();
    }
  }

  @Test
  void crlIndex_sharedByEightThreads_answersLikeOneThread() throws Exception {
    CrlIndex index = CrlIndex.parse(PKI.crl(KeyType.AUTHENTICATION, REF).getEncoded());
    List<BigInteger> serials = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      serials.add(BigInteger.valueOf(i));
    }
    X509Certificate revoked = Personas.get(Personas.REVOKED).authCertificate();
    serials.add(revoked.getSerialNumber());
    serials.add(Personas.get(Personas.DEFAULT).authCertificate().getSerialNumber());
    List<String> expected = new ArrayList<>();
    for (BigInteger s : serials) {
      expected.add(index.revocationReason(s).isPresent() + "/" + index.revocationReason(s));
    }
    assertThat(index.revocationReason(revoked.getSerialNumber()).isPresent()).isTrue();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        results.add(pool.submit(() -> {
          for (int r = 0; r < 2000; r++) {
            int i = r % serials.size();
            BigInteger s = serials.get(i);
            byte[] b = s.toByteArray();
            boolean listed = index.lookup(b) != CrlIndex.NOT_REVOKED;
            if (!(index.revocationReason(s).isPresent() + "/" + index.revocationReason(s)).equals(expected.get(i))
                || listed != index.revocationReason(s).isPresent()) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> f : results) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private record Check(String name, java.util.concurrent.Callable<VerificationResult> call) {
    String answer() throws Exception {
      VerificationResult r = call.call();
      return r.status() + " " + r.failures().stream().map(f -> f.code().toString()).sorted().toList();
    }
  }
}
