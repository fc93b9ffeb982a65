// SPDX-License-Identifier: Apache-2.0
package dev.jpki.benchmarks;

import dev.jpki.card.KeyType;
import dev.jpki.testkit.pki.LargeCrlWriter;
import dev.jpki.testkit.pki.TestPki;
import dev.jpki.verify.BadInputException;
import dev.jpki.verify.revocation.CrlIndex;
import dev.jpki.verify.revocation.RevocationReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.jspecify.annotations.Nullable;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Loading and querying a CRL of N entries: our {@link CrlIndex} next to the JDK's {@code
 * CertificateFactory.generateCRL} / {@code X509CRL.getRevokedCertificate} and BouncyCastle's {@link
 * X509CRLHolder} / {@code getRevokedCertificate}, on the same DER bytes in the same run.
 *
 * <p>The CRL comes from the testkit's streaming {@link LargeCrlWriter} (8-byte serials, reason codes on
 * five of six entries, signed by the test signature root), generated once per trial into memory.
 *
 * <p>"Load" is what a verifier must do before it may answer: parse, check the CRL signature with the
 * issuer key, answer one lookup. All three do the same work, but at different moments: our parser
 * hashes tbsCertList while it walks it (the signature check is then one RSA operation), the JDK and
 * BouncyCastle hash in {@code verify}/{@code isSignatureValid}; BouncyCastle parses lazily, so its
 * entries are only decoded by the first lookup (which scans them all for an absent serial). Timing the
 * constructors alone would compare different amounts of work.
 *
 * <p>The JDK is measured through the parser {@code CertificateFactory.generateCRL} runs for bytes it has
 * not seen ({@link Fixtures#freshCrl}): the factory caches CRLs up to 4 MiB by their encoding, so calling
 * it in a loop on the same bytes measures a hash lookup (a real server loads each CRL once).
 *
 * <p>"Lookup" takes a {@link BigInteger} serial, the natural input of all three APIs: one revoked
 * entry from the middle of the list and one absent serial of the same length.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
// 1M entries: the DER is 40 MB and the JDK's object model of it several hundred MB
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", Fixtures.ADD_EXPORTS})
public class CrlBenchmark {

  /** The DER CRL of {@link #entries} entries, its issuer key and the serials to look up. */
  @State(Scope.Benchmark)
  public static class Crl {
    /** Generated entries. */
    @Param({"10000", "100000", "1000000"})
    public int entries;

    byte[] der = new byte[0];
    BigInteger revoked = BigInteger.ZERO;
    BigInteger absent = BigInteger.ZERO;
    /** {@link #revoked} and {@link #absent} as a certificate carries them (DER INTEGER content bytes). */
    byte[] revokedBytes = new byte[0];
    byte[] absentBytes = new byte[0];
    CRLReason revokedReason = CRLReason.UNSPECIFIED;
    PublicKey issuerKey;
    ContentVerifierProvider bcVerifier;

    /**
     * Generates the CRL into memory.
     *
     * @throws OperatorCreationException if BouncyCastle cannot build a verifier for the root key
     */
    @Setup(Level.Trial)
    public void generate() throws OperatorCreationException {
      der = generateDer(entries);
      int middle = entries / 2;
      revoked = LargeCrlWriter.serialAt(middle);
      revokedReason = LargeCrlWriter.reasonAt(middle);
      // one past the last generated serial: same length (8 bytes) as every listed serial, not listed
      absent = LargeCrlWriter.serialAt(entries);
      revokedBytes = revoked.toByteArray();
      absentBytes = absent.toByteArray();
      issuerKey = Fixtures.PKI.root(KeyType.SIGNATURE).getPublicKey();
      bcVerifier = new JcaContentVerifierProviderBuilder().build(issuerKey);
    }
  }

  /**
   * Streams a signed test CRL with {@code entries} generated entries into a byte array.
   *
   * @param entries number of entries
   * @return the DER CRL, fresh at {@link TestPki#REFERENCE_TIME}
   */
  static byte[] generateDer(int entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 41 * entries);
    try {
      Fixtures.PKI.largeCrl(KeyType.SIGNATURE).entries(entries).fresh(TestPki.REFERENCE_TIME).writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Our index, loaded once per trial. */
  @State(Scope.Benchmark)
  public static class Ours {
    CrlIndex index;

    /**
     * Parses the CRL.
     *
     * @param crl the CRL
     * @throws BadInputException never for the generated CRL
     */
    @Setup(Level.Trial)
    public void load(Crl crl) throws BadInputException {
      index = loadOurs(crl);
    }
  }

  /** The JDK's X509CRL, loaded once per trial. */
  @State(Scope.Benchmark)
  public static class Jdk {
    X509CRL crl;

    /**
     * Parses the CRL.
     *
     * @param crl the CRL
     * @throws GeneralSecurityException never for the generated CRL
     */
    @Setup(Level.Trial)
    public void load(Crl crl) throws GeneralSecurityException {
      this.crl = loadJdk(crl);
    }
  }

  /** BouncyCastle's X509CRLHolder, loaded once per trial and fully decoded (one lookup done). */
  @State(Scope.Benchmark)
  public static class Bc {
    X509CRLHolder holder;

    /**
     * Parses the CRL.
     *
     * @param crl the CRL
     * @throws IOException never for the generated CRL
     * @throws CertException never for the generated CRL
     */
    @Setup(Level.Trial)
    public void load(Crl crl) throws IOException, CertException {
      holder = loadBc(crl);
      holder.getRevokedCertificate(crl.absent); // decodes every entry once, as a steady-state server would
    }
  }

  static CrlIndex loadOurs(Crl c) throws BadInputException {
    CrlIndex index = CrlIndex.parse(c.der);
    if (!index.verifySignature(c.issuerKey)) {
      throw new IllegalStateException("CRL signature does not verify");
    }
    return index;
  }

  static X509CRL loadJdk(Crl c) throws GeneralSecurityException {
    X509CRL crl = Fixtures.freshCrl(c.der); // generateCRL minus its cache (see Fixtures.freshCrl)
    crl.verify(c.issuerKey); // throws if it does not verify
    return crl;
  }

  static X509CRLHolder loadBc(Crl c) throws IOException, CertException {
    X509CRLHolder holder = new X509CRLHolder(c.der);
    if (!holder.isSignatureValid(c.bcVerifier)) {
      throw new IllegalStateException("CRL signature does not verify");
    }
    return holder;
  }

  // ------------------------------------------------------------------ load

  /**
   * Ours: parse (with the tbsCertList digest), check the signature, answer one lookup.
   *
   * @param c the CRL
   * @param bh sink
   * @return the index
   * @throws BadInputException never
   */
  @Benchmark
  public CrlIndex loadOurs(Crl c, Blackhole bh) throws BadInputException {
    CrlIndex index = loadOurs(c);
    bh.consume(index.revocationReason(c.absent));
    return index;
  }

  /**
   * JDK: {@code CertificateFactory.generateCRL} (its parser, past its cache: {@link Fixtures#freshCrl}),
   * {@code verify}, one lookup.
   *
   * @param c the CRL
   * @param bh sink
   * @return the CRL
   * @throws GeneralSecurityException never
   */
  @Benchmark
  public X509CRL loadJdk(Crl c, Blackhole bh) throws GeneralSecurityException {
    X509CRL crl = loadJdk(c);
    bh.consume(crl.getRevokedCertificate(c.absent));
    return crl;
  }

  /**
   * BouncyCastle: {@code new X509CRLHolder}, {@code isSignatureValid}, one lookup (which decodes every
   * entry: the holder parses lazily).
   *
   * @param c the CRL
   * @param bh sink
   * @return the holder
   * @throws IOException never
   * @throws CertException never
   */
  @Benchmark
  public X509CRLHolder loadBc(Crl c, Blackhole bh) throws IOException, CertException {
    X509CRLHolder holder = loadBc(c);
    bh.consume(holder.getRevokedCertificate(c.absent));
    return holder;
  }

  // ------------------------------------------------------------------ lookup

  /**
   * Ours: a revoked serial.
   *
   * @param c the CRL
   * @param o the index
   * @return the reason
   */
  @Benchmark
  public Optional<RevocationReason> lookupRevokedOurs(Crl c, Ours o) {
    return o.index.revocationReason(c.revoked);
  }

  /**
   * JDK: a revoked serial (hash map lookup).
   *
   * @param c the CRL
   * @param j the JDK CRL
   * @return the entry
   */
  /**
   * Ours, the allocation-free lookup from the serial's bytes (what a server has in hand when it reads
   * the serial from the certificate's DER, or keeps it from an earlier parse).
   *
   * @param c the CRL
   * @param o our index
   * @return the reason code
   */
  @Benchmark
  public int lookupRevokedOursBytes(Crl c, Ours o) {
    return o.index.lookup(c.revokedBytes);
  }

  /**
   * Ours, allocation-free, for an absent serial.
   *
   * @param c the CRL
   * @param o our index
   * @return {@link CrlIndex#NOT_REVOKED}
   */
  @Benchmark
  public int lookupAbsentOursBytes(Crl c, Ours o) {
    return o.index.lookup(c.absentBytes);
  }

  @Benchmark
  public @Nullable X509CRLEntry lookupRevokedJdk(Crl c, Jdk j) {
    return j.crl.getRevokedCertificate(c.revoked);
  }

  /**
   * BouncyCastle: a revoked serial (linear scan to the middle).
   *
   * @param c the CRL
   * @param b the holder
   * @return the entry
   */
  @Benchmark
  public @Nullable X509CRLEntryHolder lookupRevokedBc(Crl c, Bc b) {
    return b.holder.getRevokedCertificate(c.revoked);
  }

  /**
   * Ours: an absent serial.
   *
   * @param c the CRL
   * @param o the index
   * @return empty
   */
  @Benchmark
  public Optional<RevocationReason> lookupAbsentOurs(Crl c, Ours o) {
    return o.index.revocationReason(c.absent);
  }

  /**
   * JDK: an absent serial.
   *
   * @param c the CRL
   * @param j the JDK CRL
   * @return null
   */
  @Benchmark
  public @Nullable X509CRLEntry lookupAbsentJdk(Crl c, Jdk j) {
    return j.crl.getRevokedCertificate(c.absent);
  }

  /**
   * BouncyCastle: an absent serial (scans every entry).
   *
   * @param c the CRL
   * @param b the holder
   * @return null
   */
  @Benchmark
  public @Nullable X509CRLEntryHolder lookupAbsentBc(Crl c, Bc b) {
    return b.holder.getRevokedCertificate(c.absent);
  }
}
