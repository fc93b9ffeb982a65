// SPDX-License-Identifier: Apache-2.0
package dev.jpki.benchmarks;

import dev.jpki.verify.revocation.CrlIndex;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * One-off, APPROXIMATE measurement of the heap a loaded CRL retains, per entry: our {@link CrlIndex}
 * next to the JDK's {@code X509CRL} and BouncyCastle's {@code X509CRLHolder}. Not a JMH benchmark (JMH's
 * {@code -prof gc} reports allocation, not what stays reachable).
 *
 * <p>Method: heap in use after repeated {@link System#gc()} before and after building the structure
 * (with the DER input alive in both measurements, so it is not counted unless the structure keeps its
 * own copy). Good to a few percent at a million entries; noise at small sizes. Run with a fixed heap
 * and a compacting collector for the steadiest numbers:
 *
 * <pre>
 * java -Xms3g -Xmx3g -XX:+UseSerialGC --add-exports=java.base/sun.security.x509=ALL-UNNAMED \
 *     -cp benchmarks/target/benchmarks.jar dev.jpki.benchmarks.CrlMemory 100000 1000000
 * </pre>
 */
public final class CrlMemory {
  private CrlMemory() {}

  /**
   * Prints a Markdown table of retained bytes per entry for each size given (default 100000 and
   * 1000000).
   *
   * @param args entry counts
   * @throws Exception if building a CRL fails
   */
  public static void main(String[] args) throws Exception {
    int[] sizes = args.length == 0 ? new int[] {100_000, 1_000_000} : new int[args.length];
    for (int i = 0; i < args.length; i++) {
      sizes[i] = Integer.parseInt(args[i]);
    }
    System.out.println("| entries | DER bytes/entry | structure | retained MB | retained bytes/entry |");
    System.out.println("|---:|---:|---|---:|---:|");
    for (int n : sizes) {
      CrlBenchmark.Crl c = new CrlBenchmark.Crl();
      c.entries = n;
      c.generate();
      String der = String.format(Locale.ROOT, "%.1f", c.der.length / (double) n);
      long[] storage = new long[1];
      row(n, der, "ours: CrlIndex (parsed, signature checked)", () -> {
        CrlIndex index = CrlBenchmark.loadOurs(c);
        index.revocationReason(c.absent);
        storage[0] = index.storageBytes();
        return index;
      });
      System.out.printf(Locale.ROOT, "| %d | %s | ours: `CrlIndex.storageBytes()` (exact payload) | %.1f | %.1f |%n",
          n, der, storage[0] / 1e6, storage[0] / (double) n);
      row(n, der, "JDK: X509CRL (its parser, verify, one lookup)", () -> {
        java.security.cert.X509CRL crl = CrlBenchmark.loadJdk(c);
        crl.getRevokedCertificate(c.absent);
        return crl;
      });
      row(n, der, "BC: X509CRLHolder (constructor only, lazy)", () -> new org.bouncycastle.cert.X509CRLHolder(c.der));
      row(n, der, "BC: X509CRLHolder (isSignatureValid, one lookup: decoded)", () -> {
        org.bouncycastle.cert.X509CRLHolder h = CrlBenchmark.loadBc(c);
        h.getRevokedCertificate(c.absent);
        return h;
      });
      Reference.reachabilityFence(c);
    }
  }

  private static void row(int n, String derPerEntry, String what, Callable<Object> build) throws Exception {
    long before = usedAfterGc();
    Object o = build.call();
    long after = usedAfterGc();
    Reference.reachabilityFence(o);
    long retained = after - before;
    System.out.printf(Locale.ROOT, "| %d | %s | %s | %.1f | %.1f |%n", n, derPerEntry, what, retained / 1e6,
        retained / (double) n);
  }

  private static long usedAfterGc() throws InterruptedException {
    MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    // until two collections in a row free nothing more
    for (int i = 0; i < 10; i++) {
      System.gc();
      Thread.sleep(30);
      long u = mx.getHeapMemoryUsage().getUsed();
      if (u >= used && i >= 2) {
        return Math.min(u, used);
      }
      used = Math.min(used, u);
    }
    return used;
  }
}
