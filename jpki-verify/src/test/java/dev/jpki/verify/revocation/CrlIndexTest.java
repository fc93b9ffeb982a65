// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.revocation;

import static dev.jpki.verify.Fixtures.PKI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.card.KeyType;
import dev.jpki.testkit.pki.LargeCrlWriter;
import dev.jpki.testkit.pki.TestPki;
import dev.jpki.verify.BadInputException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CRLReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Random;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrlIndexTest {
  private static final Instant NOW = TestPki.REFERENCE_TIME;

  @Test
  void parse_standardCrl_findsEveryEntryWithItsReason() throws Exception {
    CrlIndex idx = CrlIndex.parse(PKI.crl(KeyType.SIGNATURE, NOW).getEncoded());
    assertThat(idx.size()).isEqualTo(PKI.standardRevocations(KeyType.SIGNATURE).size());
    for (dev.jpki.testkit.pki.CrlEntry r : PKI.standardRevocations(KeyType.SIGNATURE)) {
      assertThat(idx.revocationReason(r.serial())).as(r.toString())
          .contains(RevocationReason.ofCode(r.reasonCode()).get());
    }
    assertThat(idx.contains(BigInteger.valueOf(0x51000001L))).isFalse();
    assertThat(idx.thisUpdate()).isEqualTo(NOW.minus(Duration.ofHours(1)));
    assertThat(idx.nextUpdate()).contains(NOW.plus(Duration.ofHours(23)));
    assertThat(idx.verifySignature(PKI.signRoot().getPublicKey())).isTrue();
    assertThat(idx.verifySignature(PKI.foreignRoot(KeyType.SIGNATURE).getPublicKey())).isFalse();
    assertThat(idx.issuer()).isEqualTo(PKI.signRoot().getSubjectX500Principal());
    assertThat(idx.crlNumber()).isPresent();
  }

  @Test
  void lookup_redundantLeadingBytes_areIgnored() throws Exception {
    BigInteger serial = PKI.standardRevocations(KeyType.AUTHENTICATION).get(0).serial();
    CrlIndex idx = CrlIndex.parse(PKI.crl(KeyType.AUTHENTICATION, NOW).getEncoded());
    byte[] b = serial.toByteArray();
    byte[] padded = new byte[b.length + 3];
    System.arraycopy(b, 0, padded, 3, b.length);
    assertThat(idx.lookup(padded, 0, padded.length)).isEqualTo(idx.lookup(b, 0, b.length))
        .isNotEqualTo(CrlIndex.NOT_REVOKED).isEqualTo(idx.lookup(padded)).isEqualTo(idx.lookup(b));
    assertThat(idx.contains(serial.negate())).isFalse();
    assertThat(idx.lookup(serial.add(BigInteger.ONE).toByteArray())).isEqualTo(CrlIndex.NOT_REVOKED);
  }

  @Test
  void lookup_everyListedSerialFound_neighboursNot_acrossBlocksAndLengths() throws Exception {
    // the sampled search works in blocks of 32 serials per length: cover block edges, short serials,
    // 8-byte serials with the top bit set (unsigned order) and a length above 8 (plain search)
    java.util.Random rnd = new java.util.Random(16);
    java.util.TreeSet<BigInteger> listed = new java.util.TreeSet<>();
    while (listed.size() < 300) {
      listed.add(new BigInteger(63, rnd).shiftLeft(rnd.nextInt(2)).add(BigInteger.ONE)); // 8 and 9 content bytes
    }
    for (int i = 1; i < 70; i++) {
      listed.add(BigInteger.valueOf(i * 3L)); // 1-byte serials, 3 blocks
    }
    listed.add(BigInteger.valueOf(Long.MAX_VALUE).shiftLeft(1)); // 9 bytes: 00 FF..FE
    dev.jpki.testkit.pki.CrlBuilder b = PKI.crlBuilder(KeyType.SIGNATURE);
    for (BigInteger s : listed) {
      b.revoke(s, NOW, CRLReason.KEY_COMPROMISE);
    }
    CrlIndex idx = CrlIndex.parse(b.build().getEncoded());
    assertThat(idx.size()).isEqualTo(listed.size());
    for (BigInteger s : listed) {
      assertThat(idx.lookup(s.toByteArray())).as("%s", s).isEqualTo(1);
      for (BigInteger n : new BigInteger[] {s.add(BigInteger.ONE), s.subtract(BigInteger.ONE)}) {
        if (!listed.contains(n)) {
          assertThat(idx.lookup(n.toByteArray())).as("%s", n).isEqualTo(CrlIndex.NOT_REVOKED);
        }
      }
    }
    assertThat(idx.lookup(new byte[] {0})).isEqualTo(CrlIndex.NOT_REVOKED);
    assertThat(idx.lookup(BigInteger.ONE.shiftLeft(100).toByteArray())).isEqualTo(CrlIndex.NOT_REVOKED);
  }

  @Test
  void parse_duplicateSerials_areStoredOnce() throws Exception {
    BigInteger s = BigInteger.valueOf(0x5E00BEEFL);
    byte[] crl = PKI.crlBuilder(KeyType.SIGNATURE).revoke(s, NOW, CRLReason.SUPERSEDED)
        .revoke(s, NOW, CRLReason.SUPERSEDED).build().getEncoded();
    CrlIndex idx = CrlIndex.parse(crl);
    assertThat(idx.size()).isEqualTo(1);
    assertThat(idx.revocationReason(s)).contains(RevocationReason.SUPERSEDED);
  }

  @Test
  void parse_unsortedMixedLengthSerials_allFound() throws Exception {
    Random rnd = new Random(7);
    X509v2CRLBuilder b = new X509v2CRLBuilder(new X500Name("CN=x"), Date.from(NOW));
    b.setNextUpdate(Date.from(NOW.plusSeconds(3600)));
    BigInteger[] serials = new BigInteger[3000];
    for (int i = 0; i < serials.length; i++) {
      serials[i] = new BigInteger(8 + rnd.nextInt(150), rnd).add(BigInteger.ONE); // 1..20 byte serials
      b.addCRLEntry(serials[i], Date.from(NOW), i % 11 == 7 ? 0 : i % 11);
    }
    byte[] der = sign(b, PKI.rootKeyPair(KeyType.SIGNATURE));
    CrlIndex idx = CrlIndex.parse(der);
    for (int i = 0; i < serials.length; i++) {
      assertThat(idx.contains(serials[i])).as("serial %d", i).isTrue();
    }
    for (int i = 0; i < 3000; i++) {
      BigInteger probe = new BigInteger(8 + rnd.nextInt(150), rnd);
      assertThat(idx.contains(probe)).isEqualTo(Arrays.asList(serials).contains(probe));
    }
  }

  @Test
  void recordSort_matchesReferenceOrder() {
    Random rnd = new Random(1);
    for (int w : new int[] {8, 9, 20}) {
      int n = 5000;
      byte[] keys = new byte[n * w];
      rnd.nextBytes(keys);
      for (int i = 0; i < n; i += 3) { // many equal keys, and a descending run
        System.arraycopy(keys, 0, keys, i * w, w);
      }
      byte[] tags = new byte[n];
      for (int i = 0; i < n; i++) {
        tags[i] = (byte) (keys[i * w] ^ keys[i * w + w - 1]);
      }
      byte[][] ref = new byte[n][];
      for (int i = 0; i < n; i++) {
        ref[i] = Arrays.copyOfRange(keys, i * w, i * w + w);
      }
      Arrays.sort(ref, Arrays::compareUnsigned);
      RecordSort.sort(keys, tags, w, n);
      for (int i = 0; i < n; i++) {
        byte[] k = Arrays.copyOfRange(keys, i * w, i * w + w);
        assertThat(k).isEqualTo(ref[i]);
        assertThat(tags[i]).isEqualTo((byte) (k[0] ^ k[w - 1])); // tags moved with their keys
      }
    }
  }

  @Test
  void parse_200kEntries_isFastAndCompact(@TempDir Path dir) throws Exception {
    int n = 200_000;
    Path file = dir.resolve("big.crl");
    PKI.largeCrl(KeyType.SIGNATURE).entries(n).standardEntries().fresh(NOW).writeTo(file);
    long t0 = System.nanoTime();
    byte[] bytes = Files.readAllBytes(file);
    long read = System.nanoTime() - t0;
    CrlIndex idx = null;
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) { // best of three: the JIT warms up on the first
      long t1 = System.nanoTime();
      idx = CrlIndex.parse(bytes);
      best = Math.min(best, System.nanoTime() - t1);
    }
    int total = n + PKI.standardRevocations(KeyType.SIGNATURE).size();
    assertThat(idx.size()).isEqualTo(total);
    // 8-byte generated serials + one reason byte each; the standard entries are shorter
    assertThat(idx.storageBytes()).isBetween((long) n * 9, (long) total * 9 + total / 4 + 64);
    assertThat(idx.storageBytes()).isLessThan(bytes.length / 4);
    assertThat(Duration.ofNanos(best)).isLessThan(Duration.ofSeconds(3));
    System.out.printf("CRL %d entries, %d bytes: read %d ms, index %d ms, %d bytes of storage%n",
        total, bytes.length, read / 1_000_000, best / 1_000_000, idx.storageBytes());
    assertThat(idx.verifySignature(PKI.signRoot().getPublicKey())).isTrue();
    for (long i : new long[] {0, 1, 77_777, n - 1}) {
      assertThat(idx.revocationReason(LargeCrlWriter.serialAt(i)))
          .contains(RevocationReason.ofCode(LargeCrlWriter.reasonAt(i).ordinal()).get());
    }
    assertThat(idx.contains(LargeCrlWriter.serialAt(n))).isFalse();
    // lookup allocates nothing: a million lookups with a reused array leave the heap alone
    byte[] probe = LargeCrlWriter.serialAt(12345).toByteArray();
    byte[] miss = LargeCrlWriter.serialAt(n + 5).toByteArray();
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long hits = 0;
    for (int i = 0; i < 200_000; i++) { // warm up the JIT first
      hits += idx.lookup(probe, 0, probe.length) >= 0 ? 1 : 0;
    }
    long before = mx.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 1_000_000; i++) {
      hits += idx.lookup(probe, 0, probe.length) >= 0 ? 1 : 0;
      hits += idx.lookup(miss, 0, miss.length) >= 0 ? 1 : 0;
    }
    long allocated = mx.getCurrentThreadAllocatedBytes() - before;
    assertThat(hits).isEqualTo(1_200_000);
    assertThat(allocated).as("bytes allocated by 2M lookups").isLessThan(64 * 1024);
  }

  @Test
  void parse_truncatedAnywhere_throwsBadInput() throws Exception {
    byte[] der = PKI.crl(KeyType.SIGNATURE, NOW).getEncoded();
    for (int len = 0; len < der.length; len++) {
      byte[] cut = Arrays.copyOf(der, len);
      assertThatThrownBy(() -> CrlIndex.parse(cut)).isInstanceOf(BadInputException.class);
    }
  }

  @Test
  void parse_hugeLengthClaim_failsFastWithOffset() {
    byte[] hostile = {0x30, (byte) 0x84, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x30, 0x00};
    assertThatThrownBy(() -> CrlIndex.parse(hostile)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("offset 0").hasMessageContaining("exceeds");
  }

  @Test
  void parse_trailingGarbage_throwsBadInput() throws Exception {
    byte[] der = PKI.crl(KeyType.SIGNATURE, NOW).getEncoded();
    byte[] longer = Arrays.copyOf(der, der.length + 2);
    assertThatThrownBy(() -> CrlIndex.parse(longer)).isInstanceOf(BadInputException.class);
  }

  @Test
  void parse_deltaCrl_isRefused() throws Exception {
    X509v2CRLBuilder b = new X509v2CRLBuilder(new X500Name("CN=x"), Date.from(NOW));
    b.addExtension(Extension.deltaCRLIndicator, true, new ASN1Integer(1));
    byte[] der = sign(b, PKI.rootKeyPair(KeyType.SIGNATURE));
    assertThatThrownBy(() -> CrlIndex.parse(der)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("delta");
  }

  @Test
  void parse_unknownCriticalEntryExtension_isRefused() throws Exception {
    X509v2CRLBuilder b = new X509v2CRLBuilder(new X500Name("CN=x"), Date.from(NOW));
    b.addCRLEntry(BigInteger.TEN, Date.from(NOW), new Extensions(new Extension(
        new ASN1ObjectIdentifier("1.2.3.4"), true, new ASN1Enumerated(1).getEncoded())));
    byte[] der = sign(b, PKI.rootKeyPair(KeyType.SIGNATURE));
    assertThatThrownBy(() -> CrlIndex.parse(der)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("critical");
  }

  @Test
  void parse_pem_isAccepted() throws Exception {
    byte[] pem = CrlRevocationTest.TestPkiPem.crl(PKI.crl(KeyType.AUTHENTICATION, NOW));
    assertThat(CrlIndex.parse(pem).size()).isEqualTo(PKI.standardRevocations(KeyType.AUTHENTICATION).size());
  }

  static byte[] sign(X509v2CRLBuilder b, KeyPair key) throws Exception {
    return b.build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate())).getEncoded();
  }
}
