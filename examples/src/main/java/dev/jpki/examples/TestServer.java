// SPDX-License-Identifier: Apache-2.0
package dev.jpki.examples;

import dev.jpki.card.KeyType;
import dev.jpki.testkit.pki.TestPki;
import dev.jpki.testkit.verify.TestVerification;
import dev.jpki.verify.SignatureVerifier;
import dev.jpki.verify.card.CardDataVerifier;
import dev.jpki.verify.flow.AgeVerifier;
import dev.jpki.verify.flow.FaceToFaceVerifier;
import dev.jpki.verify.flow.FlowChallenges;
import dev.jpki.verify.flow.RegistrationStore;
import java.time.Clock;

/**
 * The server side the examples talk to when they run on the virtual card: the FAQ-flow verifiers set up for
 * the test PKI (its roots, CRLs and card-data issuer keys). A real server builds the same verifiers with
 * {@code TrustAnchors.production()}, the J-LIS CRLs and the J-LIS card-data issuer keys.
 */
public final class TestServer {
  private TestServer() {}

  /** @return card-data checks against the test PKI's visual-AP and text-AP issuer keys */
  public static CardDataVerifier cardData() {
    TestPki pki = TestPki.get();
    return CardDataVerifier.builder().issuerKey("6000023/001", pki.visualApCvcCaPublicKey())
        .issuerKey("6000033/001", pki.textApCvcCaPublicKey()).build();
  }

  /** @return an age verifier for every pattern */
  public static AgeVerifier ageVerifier() {
    return AgeVerifier.builder().cardData(cardData())
        .signatures(TestVerification.create().signatureVerifier())
        .challenges(FlowChallenges.inMemory(Clock.systemUTC())).build();
  }

  /**
   * A face-to-face verifier.
   *
   * @param registrations where first visits are kept
   * @return the verifier
   */
  public static FaceToFaceVerifier faceToFaceVerifier(RegistrationStore registrations) {
    TestVerification test = TestVerification.create();
    return FaceToFaceVerifier.builder().cardData(cardData())
        .signatures(SignatureVerifier.builder(test.certificateValidator()).certificateType(KeyType.AUTHENTICATION)
            .build())
        .registrations(registrations)
        .challenges(FlowChallenges.inMemory(Clock.systemUTC())).build();
  }
}
