// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import static dev.jpki.verify.Fixtures.CLOCK;
import static dev.jpki.verify.Fixtures.cardSign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.card.KeyType;
import dev.jpki.internal.LoginMessage;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.verify.revocation.RevocationSource;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

/**
 * {@code .provider(Provider)} on {@link SignatureVerifier} and {@link LoginVerifier}: the signature
 * checks run in the named provider, and a provider that cannot do them is refused when the verifier is
 * built.
 */
class VerifierProviderTest {
  private static final Persona P = Personas.get(Personas.DEFAULT);
  private static final X509Certificate SIGN_CERT = P.signCertificate().orElseThrow();
  private static final PrivateKey SIGN_KEY = P.signKeyPair().orElseThrow().getPrivate();
  private static final byte[] DOC = "申請書".getBytes(StandardCharsets.UTF_8);
  private static final Date SIGNED_AT = Date.from(CLOCK.instant().minus(Duration.ofMinutes(5)));

  /** BouncyCastle's services behind a provider that counts the Cipher and Signature services asked of it. */
  static final class CountingProvider extends Provider {
    private static final long serialVersionUID = 1L;
    private final transient Provider bc = new BouncyCastleProvider();
    final transient AtomicInteger ciphers = new AtomicInteger();
    final transient AtomicInteger signatures = new AtomicInteger();

    CountingProvider() {
      super("CountingBC", "1.0", "BouncyCastle, counting its use");
    }

    @Override
    public Service getService(String type, String algorithm) {
      if (type.equals("Cipher")) {
        ciphers.incrementAndGet();
      } else if (type.equals("Signature")) {
        signatures.incrementAndGet();
      }
      return bc.getService(type, algorithm);
    }
  }

  private static SignatureVerifier.Builder builder() {
    return SignatureVerifier.builder(Fixtures.validator(RevocationSource.none()));
  }

  @Test
  void rawSignature_checkedByTheProvidersCipher() {
    CountingProvider provider = new CountingProvider();
    SignatureVerifier verifier = builder().provider(provider).build();

    VerificationResult r = verifier.verifyRaw(cardSign(SIGN_KEY, DOC), DOC, SIGN_CERT);

    assertThat(r.status()).as(r.toString()).isEqualTo(Status.VALID);
    assertThat(provider.ciphers.get()).isPositive();
  }

  @Test
  void cmsSignature_checkedByTheProvider() {
    CountingProvider provider = new CountingProvider();
    SignatureVerifier verifier = builder().provider(provider).build();

    VerificationResult r = verifier.verifyCms(Cms.sign(DOC, SIGN_KEY, SIGN_CERT, true, true, SIGNED_AT));

    assertThat(r.status()).as(r.toString()).isEqualTo(Status.VALID);
    // the fast path recovers the DigestInfo with the provider's RSA cipher; BouncyCastle's path asks it for a
    // Signature: either way the provider did the RSA operation
    assertThat(provider.ciphers.get() + provider.signatures.get()).isPositive();
  }

  @Test
  void providerFailures_areNotValid() {
    CountingProvider provider = new CountingProvider();
    SignatureVerifier verifier = builder().provider(provider).build();

    assertThat(verifier.verifyRaw(cardSign(SIGN_KEY, DOC), "other".getBytes(StandardCharsets.UTF_8), SIGN_CERT)
        .hasFailure(FailureCode.DIGEST_MISMATCH)).isTrue();
  }

  @Test
  void providerWithoutRsa_refusedWhenBuilding() {
    Provider sun = Security.getProvider("SUN"); // message digests and DSA, no RSA cipher

    assertThatThrownBy(() -> builder().provider(sun)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SUN").hasMessageContaining("RSA/ECB/PKCS1Padding");
    assertThatThrownBy(() -> LoginVerifier.builder(Fixtures.validator(RevocationSource.none())).provider(sun))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SUN");
  }

  @Test
  void loginVerifier_checksTheLoginSignatureWithTheProvider() throws Exception {
    CountingProvider provider = new CountingProvider();
    String origin = "https://login.example.jp";
    LoginVerifier logins = LoginVerifier.builder(Fixtures.validator(RevocationSource.none())).origin(origin)
        .provider(provider).build();
    Challenge c = logins.newChallenge("s");
    byte[] signature = cardSign(P.authKeyPair().getPrivate(), LoginMessage.encode(origin, c.value()));

    LoginResult r = logins.verify(c.encoded(), signature, P.authCertificate().getEncoded());

    assertThat(r.verification().status()).as(r.verification().toString()).isEqualTo(Status.VALID);
    assertThat(provider.ciphers.get()).isPositive();
    assertThat(logins.validator().clock()).isSameAs(CLOCK);
    assertThat(r.verification().certificateType()).contains(KeyType.AUTHENTICATION);
  }
}
