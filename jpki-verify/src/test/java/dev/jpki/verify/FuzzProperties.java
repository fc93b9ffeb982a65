// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import static dev.jpki.verify.Fixtures.CLOCK;
import static dev.jpki.verify.Fixtures.PKI;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.card.KeyType;
import dev.jpki.verify.card.CardDataVerifier;
import dev.jpki.verify.revocation.CrlIndex;
import dev.jpki.verify.revocation.RevocationSource;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.cms.CMSSignedData;

/**
 * Fuzz properties: random and mutated bytes never escape as an unexpected exception and never verify
 * as something they are not. Tries: jqwik's default from this module's junit-platform.properties (modest,
 * to keep the build fast); {@code ./mvnw verify -Pfuzz} raises it to millions.
 */
class FuzzProperties {
  private static final Persona P = Personas.get(Personas.DEFAULT);
  private static final byte[] CRL = encode(() -> PKI.crl(KeyType.SIGNATURE, CLOCK.instant()).getEncoded());
  private static final X509Certificate CERT = P.signCertificate().orElseThrow();
  private static final byte[] CERT_DER = encode(CERT::getEncoded);
  private static final byte[] CONTENT = "fuzz me".getBytes();
  private static final byte[] CMS = Cms.sign(CONTENT, P.signKeyPair().orElseThrow().getPrivate(), CERT, true, true,
      Date.from(CLOCK.instant().minus(Duration.ofMinutes(1))));
  private static final byte[] AGE_RECORD = P.visualAp().orElseThrow().ageRecordFile();
  private static final byte[] VISUAL_CVC = P.visualAp().orElseThrow().certificateFile();
  private static final CertificateValidator VALIDATOR = Fixtures.validator(RevocationSource.none());
  private static final SignatureVerifier SIGNATURES = Fixtures.signatureVerifier(RevocationSource.none());
  private static final CardDataVerifier CARD = CardDataVerifier.builder()
      .issuerKey("6000023/001", PKI.visualApCvcCaPublicKey()).clock(CLOCK).build();

  /** One edit: 0 flip a byte, 1 truncate, 2 insert a byte, 3 overwrite a length-like byte with 0xFF/0x84. */
  record Mutation(int kind, int position, int value) {
    byte[] apply(byte[] in) {
      if (in.length == 0) {
        return in;
      }
      int pos = Math.floorMod(position, in.length);
      switch (kind) {
        case 0: {
          byte[] out = in.clone();
          out[pos] ^= (byte) value;
          return out;
        }
        case 1:
          return Arrays.copyOf(in, pos);
        case 2: {
          byte[] out = new byte[in.length + 1];
          System.arraycopy(in, 0, out, 0, pos);
          out[pos] = (byte) value;
          System.arraycopy(in, pos, out, pos + 1, in.length - pos);
          return out;
        }
        default: {
          byte[] out = in.clone();
          out[pos] = (byte) ((value & 1) == 0 ? 0xFF : 0x84);
          return out;
        }
      }
    }
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    Arbitrary<Mutation> one = Combinators.combine(Arbitraries.integers().between(0, 3),
        Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.integers().between(1, 255))
        .as(Mutation::new);
    return one.list().ofMinSize(1).ofMaxSize(3);
  }

  static byte[] mutate(byte[] in, List<Mutation> ms) {
    byte[] b = in;
    for (Mutation m : ms) {
      b = m.apply(b);
    }
    return b;
  }

  @Property
  void crlIndex_randomBytes_badInputOrParsed(@ForAll @Size(max = 400) byte[] bytes) {
    try {
      CrlIndex.parse(bytes);
    } catch (BadInputException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Property
  void crlIndex_mutatedCrl_isRefusedOrFailsSignature(@ForAll("mutations") List<Mutation> ms) {
    byte[] m = mutate(CRL, ms);
    try {
      CrlIndex idx = CrlIndex.parse(m);
      if (!Arrays.equals(m, CRL)) {
        assertThat(idx.verifySignature(PKI.signRoot().getPublicKey())).as("mutated CRL verified").isFalse();
      }
    } catch (BadInputException expected) {
      // refused with a typed error: fine
    }
  }

  @Property
  void certificate_mutated_neverValidUnlessUnchanged(@ForAll("mutations") List<Mutation> ms) {
    byte[] m = mutate(CERT_DER, ms);
    VerificationResult r = VALIDATOR.validate(m, List.of(), null);
    if (r.isValid()) {
      assertThat(r.certificate().orElseThrow()).isEqualTo(CERT);
    }
  }

  @Property
  void cms_mutated_neverValidForOtherContent(@ForAll("mutations") List<Mutation> ms) throws Exception {
    byte[] m = mutate(CMS, ms);
    VerificationResult r = SIGNATURES.verifyCms(m);
    if (r.isValid()) {
      byte[] content = (byte[]) new CMSSignedData(m).getSignedContent().getContent();
      assertThat(content).isEqualTo(CONTENT);
      assertThat(r.certificate().orElseThrow()).isEqualTo(CERT);
    }
  }

  @Property
  void cms_randomBytes_neverValid(@ForAll @Size(max = 300) byte[] bytes) {
    assertThat(SIGNATURES.verifyCms(bytes).isValid()).isFalse();
  }

  @Property
  void ageRecord_mutated_neverValidForOtherBytes(@ForAll("mutations") List<Mutation> ms) {
    byte[] m = mutate(AGE_RECORD, ms);
    VerificationResult r = CARD.verifyAgeRecord(VISUAL_CVC, m);
    if (r.isValid()) {
      // only bytes after the record (filler) may differ
      assertThat(Arrays.copyOf(m, 547)).isEqualTo(Arrays.copyOf(AGE_RECORD, 547));
    }
  }

  @Property
  void cvc_mutated_neverValidUnlessUnchanged(@ForAll("mutations") List<Mutation> ms) {
    byte[] m = mutate(VISUAL_CVC, ms);
    if (CARD.verifyCvc(m).isValid()) {
      assertThat(Arrays.copyOf(m, 568)).isEqualTo(VISUAL_CVC);
    }
  }

  private interface Encoder {
    byte[] get() throws Exception;
  }

  private static byte[] encode(Encoder e) {
    try {
      return e.get();
    } catch (Exception ex) {
      throw new AssertionError(ex);
    }
  }
}
