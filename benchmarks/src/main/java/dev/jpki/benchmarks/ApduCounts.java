// SPDX-License-Identifier: Apache-2.0
package dev.jpki.benchmarks;

import dev.jpki.internal.CountingTransport;
import dev.jpki.JpkiException;
import dev.jpki.apdu.TransportCapabilities;
import dev.jpki.card.HashAlgorithm;
import dev.jpki.card.KeyType;
import dev.jpki.card.MyNumberCard;
import dev.jpki.card.Pin;
import dev.jpki.card.VerifyOption;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.transport.LatencyModel;
import dev.jpki.testkit.transport.VirtualCardTransport;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the APDU round trips (and bytes) of the card flows {@link CardFlowBenchmark} measures, plus a
 * few related ones, on a fresh session with the default persona, for a short-only reader (many NFC
 * stacks), a PC/SC reader (extended length, 8192-byte responses through javax.smartcardio,
 * docs/testing.md §1.6) and full extended length. Also the simulated card time under the testkit's
 * contact and NFC latency models (estimates, UNCONFIRMED: docs/card-protocol.md §1), short-only and extended. Counted with jpki-core's {@link CountingTransport}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.jpki.benchmarks.ApduCounts
 * </pre>
 */
public final class ApduCounts {
  private ApduCounts() {}

  @FunctionalInterface
  interface Flow {
    void run(MyNumberCard card, Persona p) throws JpkiException;
  }

  static Map<String, Flow> flows() {
    Map<String, Flow> m = new LinkedHashMap<>();
    m.put("read auth certificate", (c, p) -> c.jpki().authCertificate());
    m.put("verify PIN + sign (auth key)", (c, p) -> {
      try (Pin pin = Pin.authentication(p.authPin().toCharArray())) {
        c.jpki().verify(pin);
        c.jpki().signDigestInfo(KeyType.AUTHENTICATION, HashAlgorithm.SHA256.digestInfo(new byte[32]));
      }
    });
    m.put("verify PIN (ALLOW_LAST_TRY) + sign", (c, p) -> {
      try (Pin pin = Pin.authentication(p.authPin().toCharArray())) {
        c.jpki().verify(pin, VerifyOption.ALLOW_LAST_TRY);
        c.jpki().signDigestInfo(KeyType.AUTHENTICATION, HashAlgorithm.SHA256.digestInfo(new byte[32]));
      }
    });
    m.put("signature certificate with password", (c, p) -> {
      try (Pin pw = Pin.signaturePassword(p.signPassword().toCharArray())) {
        c.jpki().signatureCertificate(pw);
      }
    });
    m.put("read auth certificate + verify PIN + sign", (c, p) -> {
      c.jpki().authCertificate();
      try (Pin pin = Pin.authentication(p.authPin().toCharArray())) {
        c.jpki().verify(pin);
        c.jpki().signDigestInfo(KeyType.AUTHENTICATION, HashAlgorithm.SHA256.digestInfo(new byte[32]));
      }
    });
    return m;
  }

  /**
   * Counts one flow on a fresh card and session.
   *
   * @param flow the flow
   * @param caps the reader's capabilities
   * @param latency the card-time model
   * @return {apdus, bytes sent, bytes received, simulated card microseconds}
   * @throws JpkiException if the flow fails
   */
  static long[] count(Flow flow, TransportCapabilities caps, LatencyModel latency) throws JpkiException {
    Persona p = Fixtures.persona();
    VirtualCardTransport t = VirtualCardTransport.builder(p.newCard()).capabilities(caps).latency(latency).build();
    CountingTransport counter = new CountingTransport(t);
    try (MyNumberCard card = MyNumberCard.open(counter)) {
      flow.run(card, p);
      return new long[] {counter.apduCount(), counter.bytesSent(), counter.bytesReceived(),
          t.simulatedTime().toNanos() / 1000};
    }
  }

  private static String cardTime(Flow flow, TransportCapabilities[] caps, LatencyModel model) throws JpkiException {
    return String.format(Locale.ROOT, "%.0f / %.0f ms", count(flow, caps[0], model)[3] / 1000.0,
        count(flow, caps[2], model)[3] / 1000.0);
  }

  /**
   * Prints the Markdown table.
   *
   * @param args ignored
   * @throws JpkiException if a flow fails
   */
  public static void main(String[] args) throws JpkiException {
    TransportCapabilities[] caps = {TransportCapabilities.shortOnly(), TransportCapabilities.extended(65535, 8192),
        CardFlowBenchmark.CAPABILITIES};
    System.out.println("| flow | APDUs short | APDUs PC/SC | APDUs PROVE | APDUs extended | bytes out/in short "
        + "| bytes out/in extended | card time contact short / extended | card time NFC short / extended |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Map.Entry<String, Flow> e : flows().entrySet()) {
      long[] s = count(e.getValue(), caps[0], LatencyModel.none());
      long[] pc = count(e.getValue(), caps[1], LatencyModel.none());
      long[] x = count(e.getValue(), caps[2], LatencyModel.none());
      long[] pr = count(e.getValue(), FaqFlowCounts.PROVE, LatencyModel.none());
      System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d | %d / %d | %d / %d | %s | %s |%n", e.getKey(),
          s[0], pc[0], pr[0], x[0], s[1], s[2], x[1], x[2],
          cardTime(e.getValue(), caps, LatencyModel.contact()), cardTime(e.getValue(), caps, LatencyModel.nfc()));
    }
    System.out.println();
    System.out.println("Latency models: contact = " + LatencyModel.contact() + ", NFC = " + LatencyModel.nfc());
  }
}
