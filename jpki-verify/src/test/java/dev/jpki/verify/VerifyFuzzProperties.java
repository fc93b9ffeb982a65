// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import static dev.jpki.verify.Fixtures.CLOCK;
import static dev.jpki.verify.Fixtures.PKI;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.pki.TestOcspResponder;
import dev.jpki.testkit.pki.TextApData;
import dev.jpki.verify.FuzzProperties.Mutation;
import dev.jpki.verify.card.CardDataVerifier;
import dev.jpki.verify.internal.DerCursor;
import dev.jpki.verify.internal.DerStructure;
import dev.jpki.verify.revocation.OcspRevocationSource;
import dev.jpki.verify.revocation.RevocationSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzing of the verify parsers FuzzProperties does not reach: OCSP responses as a responder sends them,
 * the DER walker, and the text AP files. Invariants: only typed outcomes (INVALID/INDETERMINATE, or a
 * {@link BadInputException}), never VALID for mutated input, never an {@code Error} (jqwik fails the
 * property on any throwable). The number of tries is jqwik's default (junit-platform.properties of this
 * module); {@code ./mvnw verify -Pfuzz} raises it to millions.
 */
class VerifyFuzzProperties {
  private static final X509Certificate AUTH = Personas.get(Personas.DEFAULT).authCertificate();
  private static final TestOcspResponder RESPONDER = TestOcspResponder.builder(PKI).clock(CLOCK).build();
  private static final AtomicReference<List<Mutation>> CURRENT = new AtomicReference<>(List.of());
  private static final TextApData TEXT = Personas.get(Personas.DEFAULT).textAp().orElseThrow();
  private static final CardDataVerifier CARD = CardDataVerifier.builder()
      .issuerKey("6000033/001", PKI.textApCvcCaPublicKey()).clock(CLOCK).build();
  private static HttpServer server;
  private static CertificateValidator ocspValidator;

  @BeforeContainer
  static void startResponder() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      try (InputStream in = ex.getRequestBody()) {
        byte[] answer = FuzzProperties.mutate(RESPONDER.respond(in.readAllBytes()), CURRENT.get());
        ex.getResponseHeaders().add("Content-Type", "application/ocsp-response");
        ex.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
          ex.getResponseBody().write(answer);
        }
      } finally {
        ex.close();
      }
    });
    server.start();
    URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    // no cache, so each try asks the responder again
    RevocationSource ocsp = OcspRevocationSource.builder().responder(uri).cacheSize(0).build();
    ocspValidator = Fixtures.validator(ocsp);
  }

  @AfterContainer
  static void stopResponder() {
    server.stop(0);
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    Arbitrary<Mutation> one = Combinators.combine(Arbitraries.integers().between(0, 3),
        Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.integers().between(1, 255))
        .as(Mutation::new);
    return one.list().ofMinSize(1).ofMaxSize(3);
  }

  @Property
  void ocspResponse_mutated_neverGoodUnlessTheStatusSurvived(@ForAll("mutations") List<Mutation> ms) {
    CURRENT.set(ms);
    VerificationResult r = ocspValidator.validate(AUTH);
    // a mutation may hit only unsigned parts (e.g. the certificate list or padding); the signed status of
    // this certificate is GOOD, so VALID is right exactly then; anything else must be INDETERMINATE
    assertThat(r.status()).isIn(Status.VALID, Status.INDETERMINATE);
    if (r.status() == Status.INDETERMINATE) {
      assertThat(r.hasFailure(FailureCode.REVOCATION_UNAVAILABLE) || r.hasFailure(FailureCode.REVOCATION_UNKNOWN))
          .isTrue();
    }
  }

  @Property
  void derWalker_randomBytes_checkedOrTypedError(@ForAll @Size(max = 200) byte[] bytes) {
    try {
      DerStructure.check(bytes, "fuzz", 8, true, 64);
    } catch (BadInputException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Property
  void derWalker_hugeClaimedLength_isRefusedWithoutAllocating(@ForAll @Size(min = 1, max = 4) byte[] lengthBytes) {
    // a header claiming up to 4 GiB in front of a few bytes: refused from the header alone
    byte[] in = new byte[2 + lengthBytes.length + 3];
    in[0] = 0x30;
    in[1] = (byte) (0x80 | lengthBytes.length);
    System.arraycopy(lengthBytes, 0, in, 2, lengthBytes.length);
    in[in.length - 3] = 0x04; // OCTET STRING of one byte: a well-formed content of exactly 3 bytes
    in[in.length - 2] = 0x01;
    long claimed = 0;
    for (byte b : lengthBytes) {
      claimed = (claimed << 8) | (b & 0xFF);
    }
    try {
      DerStructure.check(in, "fuzz", 8, false);
      assertThat(claimed).isEqualTo(3);
    } catch (BadInputException expected) {
      assertThat(claimed).isNotEqualTo(3);
    }
  }

  @Property
  void textAp_mutatedAttributes_neverValidForOtherBytes(@ForAll("mutations") List<Mutation> ms) {
    byte[] m = FuzzProperties.mutate(TEXT.attributesFile(), ms);
    VerificationResult r = CARD.verifyTextAp(TEXT.certificateFile(), null, m, TEXT.integrityFile());
    if (r.isValid()) {
      // the integrity record covers the fields from DF22 to the end of the FF20 template; the DF21 offset
      // table in front of them and the filler behind are not signed (a card-format property), so only the
      // signed region must be unchanged
      assertThat(signedRegion(m)).isEqualTo(signedRegion(TEXT.attributesFile()));
    }
    assertThat(r.caveats()).contains(Caveat.TEXT_DATA_NOT_BOUND_TO_CHIP);
  }

  @Property
  void textAp_mutatedIntegrityRecord_neverValidForOtherBytes(@ForAll("mutations") List<Mutation> ms) {
    byte[] m = FuzzProperties.mutate(TEXT.integrityFile(), ms);
    VerificationResult r = CARD.verifyTextAp(TEXT.certificateFile(), TEXT.myNumberFile(), TEXT.attributesFile(), m);
    if (r.isValid()) {
      int used = usedLength(TEXT.integrityFile());
      assertThat(Arrays.copyOf(m, used)).isEqualTo(Arrays.copyOf(TEXT.integrityFile(), used));
    }
  }

  /** The bytes of a basic 4 info file that its integrity digest covers: after the DF21 table to the template end. */
  private static byte[] signedRegion(byte[] ef0002) {
    try {
      DerCursor f = new DerCursor(ef0002, 0, "basic 4 info");
      f.expect(0xFF20, ef0002.length, "template");
      int end = f.valueEnd();
      f.expect(0xDF21, end, "offset table");
      f.skip();
      return Arrays.copyOfRange(ef0002, f.pos(), end);
    } catch (BadInputException e) {
      throw new AssertionError("a VALID file must parse", e);
    }
  }

  /** Length of the leading TLV (tag of one or two bytes, definite length), the rest being filler. */
  private static int usedLength(byte[] tlv) {
    int p = (tlv[0] & 0x1F) == 0x1F ? 2 : 1;
    int lb = tlv[p++] & 0xFF;
    int len = lb;
    if (lb > 0x80) {
      len = 0;
      for (int i = 0; i < (lb & 0x7F); i++) {
        len = (len << 8) | (tlv[p++] & 0xFF);
      }
    }
    return p + len;
  }
}
