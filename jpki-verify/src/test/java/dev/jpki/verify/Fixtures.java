// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import dev.jpki.card.HashAlgorithm;
import dev.jpki.card.KeyType;
import dev.jpki.testkit.pki.JpkiOids;
import dev.jpki.testkit.pki.TestPki;
import dev.jpki.verify.revocation.RevocationSource;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.ZoneOffset;

/** Shared test setup over the testkit's JPKI-shaped test PKI. */
public final class Fixtures {
  public static final TestPki PKI = TestPki.get();
  public static final Clock CLOCK = Clock.fixed(TestPki.REFERENCE_TIME, ZoneOffset.UTC);

  /** The profile of the test hierarchy (test policy OIDs, docs/card-protocol.md §9.4). */
  private Fixtures() {}

  /** Both test roots, typed. */
  public static TrustAnchors anchors() {
    return TrustAnchors.builder()
        .add(PKI.root(KeyType.SIGNATURE), KeyType.SIGNATURE)
        .add(PKI.root(KeyType.AUTHENTICATION), KeyType.AUTHENTICATION)
        .build();
  }

  public static CertificateValidator validator(RevocationSource revocation) {
    return CertificateValidator.builder().trustAnchors(anchors()).revocation(revocation).clock(CLOCK)
        .policies(KeyType.SIGNATURE, JpkiOids.POLICY_TEST_SIGN).policies(KeyType.AUTHENTICATION, JpkiOids.POLICY_TEST_AUTH).build();
  }

  public static SignatureVerifier signatureVerifier(RevocationSource revocation) {
    return SignatureVerifier.builder(validator(revocation)).build();
  }

  /** What the card's COMPUTE DIGITAL SIGNATURE returns for data hashed with SHA-256 (docs/card-protocol.md §5.3). */
  public static byte[] cardSign(PrivateKey key, byte[] data) {
    try {
      byte[] info = HashAlgorithm.SHA256.digestInfo(MessageDigest.getInstance("SHA-256").digest(data));
      Signature s = Signature.getInstance("NONEwithRSA");
      s.initSign(key);
      s.update(info);
      return s.sign();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Where {@code needle} first occurs in {@code hay}, or -1 (to corrupt bytes at a known place). */
  public static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
