// SPDX-License-Identifier: Apache-2.0
package dev.jpki.benchmarks;

import dev.jpki.apdu.CardTransport;
import dev.jpki.apdu.ForwardingTransport;
import dev.jpki.JpkiException;
import dev.jpki.apdu.TransportCapabilities;
import dev.jpki.apdu.TransportException;
import dev.jpki.card.HashAlgorithm;
import dev.jpki.card.KeyType;
import dev.jpki.card.MyNumberCard;
import dev.jpki.card.Pin;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.card.VirtualMyNumberCard;
import dev.jpki.testkit.transport.LatencyModel;
import dev.jpki.testkit.transport.VirtualCardTransport;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU cost of card-API flows on the in-process virtual card (latency model off), next to the
 * virtual card alone processing the very same APDUs: the difference is what the SDK adds (APDU
 * encoding, response parsing, PIN handling, session state, certificate parsing) over the simulator.
 *
 * <p>Each operation is a whole session, as an application runs it: connect (power-on reset), the
 * flow, close (reset). The SDK runs through {@link VirtualCardTransport} (its counters are charged to
 * us); the baseline replays the commands recorded from the SDK in setup straight into {@link
 * VirtualMyNumberCard#process(byte[])}, with the same two resets. {@code jdkRsaSign} is the on-card
 * RSA-2048 signature done by the JDK, which dominates the signing flow.
 *
 * <p>APDU counts of these flows: see {@link ApduCounts} and the README.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public class CardFlowBenchmark {
  /** Full extended length, so the certificate is one READ BINARY (see {@link ApduCounts}). */
  static final TransportCapabilities CAPABILITIES = TransportCapabilities.extended(65544, 65538);

  VirtualMyNumberCard card;
  char[] pin;
  byte[] digestInfo;
  PrivateKey authKey;
  CertificateFactory factory;
  List<byte[]> readCertificateCommands;
  List<byte[]> verifyAndSignCommands;

  /** Records the APDUs a flow sends and passes them on. */
  static final class Recorder extends ForwardingTransport {
    final List<byte[]> commands = new ArrayList<>();

    Recorder(CardTransport delegate) {
      super(delegate);
    }

    @Override
    public byte[] transceive(byte[] command) throws TransportException {
      commands.add(command.clone());
      return super.transceive(command);
    }
  }

  /**
   * Creates the default persona's card and records both flows.
   *
   * @throws Exception if the fixture is broken
   */
  @Setup
  public void setUp() throws Exception {
    Persona p = Fixtures.persona();
    card = p.newCard();
    pin = p.authPin().toCharArray();
    authKey = p.authKeyPair().getPrivate();
    digestInfo = HashAlgorithm.SHA256.digestInfo(
        MessageDigest.getInstance("SHA-256").digest("benchmark".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    factory = CertificateFactory.getInstance("X.509");
    Recorder r1 = new Recorder(transport());
    try (MyNumberCard s = MyNumberCard.open(r1)) {
      s.jpki().authCertificate();
    }
    readCertificateCommands = r1.commands;
    Recorder r2 = new Recorder(transport());
    try (MyNumberCard s = MyNumberCard.open(r2)) {
      verifyAndSign(s);
    }
    verifyAndSignCommands = r2.commands;
    // the replay must be what the SDK saw: same final answer
    if (!Arrays.equals(readAuthCertificateSdk().getEncoded(), readAuthCertificateReplayAndParse().getEncoded())
        || !Arrays.equals(verifyPinAndSignSdk(), strip(verifyPinAndSignReplay()))
        || !Arrays.equals(verifyPinAndSignSdk(), jdkRsaSign())) {
      throw new IllegalStateException("replay differs from the SDK flow");
    }
  }

  private VirtualCardTransport transport() {
    return VirtualCardTransport.builder(card).capabilities(CAPABILITIES).latency(LatencyModel.none()).build();
  }

  private byte[] verifyAndSign(MyNumberCard s) throws JpkiException {
    try (Pin p = Pin.authentication(pin)) {
      s.jpki().verify(p); // default: empty VERIFY for the counter first (PIN safety, docs/card-protocol.md §4.2)
      return s.jpki().signDigestInfo(KeyType.AUTHENTICATION, digestInfo);
    }
  }

  private byte[] replay(List<byte[]> commands) {
    card.reset(); // power-on, as the transport's connect
    byte[] last = new byte[0];
    for (byte[] c : commands) {
      last = card.process(c);
    }
    card.reset(); // as the transport's close
    return last;
  }

  static byte[] strip(byte[] response) {
    return Arrays.copyOf(response, response.length - 2);
  }

  /**
   * SDK: a session that reads the user-authentication certificate (SELECT AP, SELECT EF, READ BINARY).
   *
   * @return the certificate
   * @throws JpkiException never
   */
  @Benchmark
  public X509Certificate readAuthCertificateSdk() throws JpkiException {
    try (MyNumberCard s = MyNumberCard.open(transport())) {
      return s.jpki().authCertificate();
    }
  }

  /**
   * Baseline: the card alone answering the same APDUs.
   *
   * @return the last response (certificate and SW)
   */
  @Benchmark
  public byte[] readAuthCertificateReplay() {
    return replay(readCertificateCommands);
  }

  /**
   * Baseline plus the certificate parsing the SDK must do ({@code CertificateFactory}).
   *
   * @return the certificate
   * @throws GeneralSecurityException never
   */
  @Benchmark
  public X509Certificate readAuthCertificateReplayAndParse() throws GeneralSecurityException {
    byte[] r = replay(readCertificateCommands);
    return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(r, 0, r.length - 2));
  }

  /**
   * SDK: a session that verifies the authentication PIN and signs a SHA-256 DigestInfo.
   *
   * @return the signature
   * @throws JpkiException never
   */
  @Benchmark
  public byte[] verifyPinAndSignSdk() throws JpkiException {
    try (MyNumberCard s = MyNumberCard.open(transport())) {
      return verifyAndSign(s);
    }
  }

  /**
   * Baseline: the card alone answering the same APDUs (including its RSA signature).
   *
   * @return the last response (signature and SW)
   */
  @Benchmark
  public byte[] verifyPinAndSignReplay() {
    return replay(verifyAndSignCommands);
  }

  /**
   * Baseline: the card's RSA-2048 PKCS#1 v1.5 signature over the DigestInfo, done by the JDK.
   *
   * @return the signature
   * @throws GeneralSecurityException never
   */
  @Benchmark
  public byte[] jdkRsaSign() throws GeneralSecurityException {
    Signature s = Signature.getInstance("NONEwithRSA");
    s.initSign(authKey);
    s.update(digestInfo);
    return s.sign();
  }
}
