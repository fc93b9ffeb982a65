// SPDX-License-Identifier: Apache-2.0
package dev.jpki.benchmarks;

import dev.jpki.JpkiException;
import dev.jpki.apdu.CardTransport;
import dev.jpki.apdu.ForwardingTransport;
import dev.jpki.apdu.TransportCapabilities;
import dev.jpki.apdu.TransportException;
import dev.jpki.benchmarks.Report.Better;
import dev.jpki.benchmarks.Report.Line;
import dev.jpki.card.MyNumberCard;
import dev.jpki.card.Pin;
import dev.jpki.card.flow.AgeCheck;
import dev.jpki.card.flow.FaceToFaceCheck;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.transport.LatencyModel;
import dev.jpki.testkit.transport.VirtualCardTransport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Digital Agency FAQ flows (docs/faq-flows.md: age by pattern, face-to-face) on the virtual card with
 * a latency model: APDUs and card time of the SDK's flow against a lower bound computed from what the
 * flow must move. The bound keeps every command that is not a READ BINARY as it is (each SELECT, VERIFY
 * and SIGN is needed) and replaces the reads of each file by the fewest reads that carry exactly the
 * file's TLV (its header announces the size), at the reader's largest response. Deterministic: counts
 * and the model's estimates (UNCONFIRMED per-APDU and per-byte costs, docs/card-protocol.md §1), no timing.
 */
final class FaqFlowCounts {
  private FaqFlowCounts() {}

  /** One flow on a card. */
  @FunctionalInterface
  interface Flow {
    void run(MyNumberCard card, Persona p) throws JpkiException;
  }

  static final byte[] CHALLENGE = new byte[32];

  static Map<String, Flow> flows() {
    Map<String, Flow> m = new LinkedHashMap<>();
    m.put("age-signature-certificate", (c, p) -> {
      try (Pin pw = Pin.signaturePassword(p.signPassword().toCharArray())) {
        AgeCheck.collect(c, pw, CHALLENGE);
      }
    });
    m.put("age-card-face", (c, p) -> {
      try (Pin b = Pin.verificationCodeB(p.pinB().toCharArray())) {
        AgeCheck.collect(c, b, CHALLENGE);
      }
    });
    m.put("age-date-of-birth-key", (c, p) -> {
      try (Pin k = Pin.dateOfBirthKey(p.dobKey().toCharArray())) {
        AgeCheck.collect(c, k, CHALLENGE);
      }
    });
    m.put("face-to-face", (c, p) -> {
      try (Pin b = Pin.verificationCodeB(p.pinB().toCharArray())) {
        FaceToFaceCheck.collect(c, b, CHALLENGE);
      }
    });
    m.put("face-to-face-register", (c, p) -> {
      try (Pin a = Pin.authentication(p.authPin().toCharArray());
          Pin b = Pin.verificationCodeB(p.pinB().toCharArray())) {
        FaceToFaceCheck.register(c, a, b, CHALLENGE);
      }
    });
    return m;
  }

  /** Records each exchange with the RSA operations it caused. */
  static final class Recorder extends ForwardingTransport {
    final List<byte[][]> exchanges = new ArrayList<>();

    Recorder(CardTransport delegate) {
      super(delegate);
    }

    @Override
    public byte[] transceive(byte[] command) throws TransportException {
      byte[] r = super.transceive(command);
      exchanges.add(new byte[][] {command.clone(), r.clone()});
      return r;
    }
  }

  /**
   * Runs a flow and computes {APDUs, card µs, lower-bound APDUs, lower-bound card µs}.
   *
   * @param flow the flow
   * @param caps the reader
   * @param model the card-time model
   * @return the four numbers
   * @throws JpkiException if the flow fails
   */
  static long[] measure(Flow flow, TransportCapabilities caps, LatencyModel model) throws JpkiException {
    Persona p = Fixtures.persona();
    VirtualCardTransport t = VirtualCardTransport.builder(p.newCard()).capabilities(caps).latency(model).build();
    Recorder rec = new Recorder(t);
    try (MyNumberCard card = MyNumberCard.open(rec)) {
      flow.run(card, p);
    }
    long cardMicros = t.simulatedTime().toNanos() / 1000;
    int maxResponse = caps.extendedLength() ? Math.min(caps.maxResponseLength() - 2, 65536) : 256;
    long boundApdus = 0;
    long boundNanos = 0;
    int i = 0;
    List<byte[][]> ex = rec.exchanges;
    while (i < ex.size()) {
      byte[] cmd = ex.get(i)[0];
      byte[] rsp = ex.get(i)[1];
      if ((cmd[1] & 0xFF) != 0xB0) {
        boundApdus++;
        // SIGN (INS 2A) is the only command that costs an RSA operation on the card
        boundNanos += model.costNanos(cmd.length + rsp.length, (cmd[1] & 0xFF) == 0x2A ? 1 : 0);
        i++;
        continue;
      }
      // a run of READ BINARY: one file; its TLV header in the first response says how much is needed
      int needed = tlvSize(rsp);
      while (i < ex.size() && (ex.get(i)[0][1] & 0xFF) == 0xB0) {
        i++;
      }
      int reads = Math.max(1, (needed + maxResponse - 1) / maxResponse);
      int cmdBytes = maxResponse > 256 ? 7 : 5; // READ BINARY with a short or an extended Le
      boundApdus += reads;
      boundNanos += model.costNanos(reads * (cmdBytes + 2) + needed, 0) + (reads - 1) * model.perApdu().toNanos();
      // costNanos adds one per-APDU cost; the other reads add theirs
    }
    return new long[] {ex.size(), cardMicros, boundApdus, boundNanos / 1000};
  }

  /** Size of the TLV at the start of a response (data before SW1 SW2), or the data length if unreadable. */
  static int tlvSize(byte[] response) {
    int n = response.length - 2;
    if (n < 2) {
      return Math.max(n, 0);
    }
    int p = 1;
    if ((response[0] & 0x1F) == 0x1F) {
      while (p < n && (response[p] & 0x80) != 0) {
        p++;
      }
      p++;
    }
    if (p >= n) {
      return n;
    }
    int lb = response[p++] & 0xFF;
    if (lb < 0x80) {
      return p + lb;
    }
    int k = lb & 0x7F;
    if (k == 0 || k > 3 || p + k > n) {
      return n;
    }
    int len = 0;
    for (int j = 0; j < k; j++) {
      len = (len << 8) | (response[p++] & 0xFF);
    }
    return p + len;
  }

  /**
   * The report lines: per flow, APDUs and contact-model card time, short-only reader and extended length.
   *
   * @return the lines
   * @throws JpkiException if a flow fails
   */
  static List<Line> lines() throws JpkiException {
    List<Line> out = new ArrayList<>();
    String section = "FAQ flows on the latency model (SDK vs the lower bound from the file sizes)";
    TransportCapabilities[] readers = {TransportCapabilities.shortOnly(), PROVE, CardFlowBenchmark.CAPABILITIES};
    String[] readerNames = {"short", "prove", "extended"};
    for (Map.Entry<String, Flow> f : flows().entrySet()) {
      for (int r = 0; r < readers.length; r++) {
        long[] m = measure(f.getValue(), readers[r], LatencyModel.contact());
        String base = "faq-" + f.getKey() + "-" + readerNames[r];
        out.add(new Line(section, base + "-apdus", f.getKey() + ", " + readerNames[r] + " APDUs", m[0], m[2],
            "APDUs", Better.LOWER, null, "", -1, -1));
        out.add(new Line(section, base + "-card-ms", f.getKey() + ", " + readerNames[r] + " APDUs, card time "
            + "(contact model)", m[1] / 1000.0, m[3] / 1000.0, "ms", Better.LOWER, null, "", -1, -1));
      }
    }
    return out;
  }

  /** {@link dev.jpki.apdu.ExtendedLength#PROVE} with the sizes of {@link CardFlowBenchmark#CAPABILITIES}. */
  static final TransportCapabilities PROVE = TransportCapabilities.proveExtended(
      CardFlowBenchmark.CAPABILITIES.maxCommandLength(), CardFlowBenchmark.CAPABILITIES.maxResponseLength());

  /**
   * The APDU sizing policies (docs/card-protocol.md §16) side by side: card time of each FAQ flow and of
   * the certificate reads with {@code PROVE} and with {@code EXTENDED} against {@code SHORT}, the default
   * on PC/SC and NFC, on the contact model with a PC/SC reader's sizes (responses up to 8192 bytes through
   * javax.smartcardio, docs/testing.md §1.6) and on the NFC model with full extended length. The read
   * strategy is the default one ({@link dev.jpki.internal.ReadStrategy#DEFAULT}), plus PROVE with header
   * first (which reads no filler once proven).
   *
   * @return the lines
   * @throws JpkiException if a flow fails
   */
  static List<Line> sizingLines() throws JpkiException {
    List<Line> out = new ArrayList<>();
    String section = "APDU sizing: PROVE and EXTENDED vs SHORT (the default on PC/SC and NFC), card time on the "
        + "latency models";
    Map<String, Flow> flows = new LinkedHashMap<>();
    flows.put("auth-certificate", (c, p) -> c.jpki().authCertificate());
    flows.putAll(flows());
    Object[][] readers = {
        {"pcsc-contact", 65535, 8192, LatencyModel.contact()},
        {"nfc", CardFlowBenchmark.CAPABILITIES.maxCommandLength(), CardFlowBenchmark.CAPABILITIES.maxResponseLength(),
            LatencyModel.nfc()},
    };
    for (Map.Entry<String, Flow> f : flows.entrySet()) {
      for (Object[] r : readers) {
        int cmd = (Integer) r[1];
        int rsp = (Integer) r[2];
        LatencyModel model = (LatencyModel) r[3];
        long[] shortOnly = measure(f.getValue(), TransportCapabilities.shortOnly(), model);
        long[] prove = measure(f.getValue(), TransportCapabilities.proveExtended(cmd, rsp), model);
        long[] extended = measure(f.getValue(), TransportCapabilities.extended(cmd, rsp), model);
        long[] proveHeaderFirst = withStrategy("header-first",
            () -> measure(f.getValue(), TransportCapabilities.proveExtended(cmd, rsp), model));
        String base = "sizing-" + f.getKey() + "-" + r[0];
        out.add(new Line(section, base + "-prove-vs-short", f.getKey() + " on " + r[0] + ": PROVE vs SHORT",
            prove[1] / 1000.0, shortOnly[1] / 1000.0, "ms", Better.LOWER, null,
            "APDUs " + prove[0] + " vs " + shortOnly[0], -1, -1));
        out.add(new Line(section, base + "-prove-header-first-vs-short", f.getKey() + " on " + r[0]
            + ": PROVE with the header-first read strategy vs SHORT", proveHeaderFirst[1] / 1000.0,
            shortOnly[1] / 1000.0, "ms", Better.LOWER, null, "APDUs " + proveHeaderFirst[0] + " vs " + shortOnly[0],
            -1, -1));
        out.add(new Line(section, base + "-extended-vs-short", f.getKey() + " on " + r[0] + ": EXTENDED vs SHORT",
            extended[1] / 1000.0, shortOnly[1] / 1000.0, "ms", Better.LOWER, null,
            "APDUs " + extended[0] + " vs " + shortOnly[0], -1, -1));
      }
    }
    return out;
  }

  /** A measurement that may fail on the card. */
  @FunctionalInterface
  interface Measurement {
    long[] run() throws JpkiException;
  }

  /** Runs a measurement with the read strategy set by its system property, then restores the property. */
  static long[] withStrategy(String strategy, Measurement m) throws JpkiException {
    String before = System.getProperty(dev.jpki.internal.ReadStrategy.PROPERTY);
    System.setProperty(dev.jpki.internal.ReadStrategy.PROPERTY, strategy);
    try {
      return m.run();
    } finally {
      if (before == null) {
        System.clearProperty(dev.jpki.internal.ReadStrategy.PROPERTY);
      } else {
        System.setProperty(dev.jpki.internal.ReadStrategy.PROPERTY, before);
      }
    }
  }

  /**
   * The read strategy comparison: header first (ours) against the largest chunk first, card time of
   * flows that read certificates, per reader model (capabilities and latency model).
   *
   * @return the lines
   * @throws JpkiException if a flow fails
   */
  static List<Line> readStrategyLines() throws JpkiException {
    List<Line> out = new ArrayList<>();
    String section = "Read strategy: header first (ours) vs largest chunk first (baseline), card time on the "
        + "latency models; default: " + dev.jpki.internal.ReadStrategy.DEFAULT;
    Map<String, Flow> flows = new LinkedHashMap<>();
    flows.put("auth-certificate", (c, p) -> c.jpki().authCertificate());
    flows.put("signature-certificate", (c, p) -> {
      try (Pin pw = Pin.signaturePassword(p.signPassword().toCharArray())) {
        c.jpki().signatureCertificate(pw);
      }
    });
    flows.put("age-signature-certificate", flows().get("age-signature-certificate"));
    flows.put("face-to-face-register", flows().get("face-to-face-register"));
    Object[][] readers = {
        {"pcsc-contact", TransportCapabilities.extended(65535, 8192), LatencyModel.contact()},
        {"extended-contact", CardFlowBenchmark.CAPABILITIES, LatencyModel.contact()},
        {"extended-nfc", CardFlowBenchmark.CAPABILITIES, LatencyModel.nfc()},
        {"short-nfc", TransportCapabilities.shortOnly(), LatencyModel.nfc()},
    };
    String before = System.getProperty(dev.jpki.internal.ReadStrategy.PROPERTY);
    try {
      for (Map.Entry<String, Flow> f : flows.entrySet()) {
        for (Object[] r : readers) {
          TransportCapabilities caps = (TransportCapabilities) r[1];
          LatencyModel model = (LatencyModel) r[2];
          System.setProperty(dev.jpki.internal.ReadStrategy.PROPERTY, "header-first");
          long[] header = measure(f.getValue(), caps, model);
          System.setProperty(dev.jpki.internal.ReadStrategy.PROPERTY, "largest-chunk");
          long[] largest = measure(f.getValue(), caps, model);
          out.add(new Line(section, "read-" + f.getKey() + "-" + r[0], f.getKey() + " on " + r[0],
              header[1] / 1000.0, largest[1] / 1000.0, "ms", Better.LOWER, null,
              "APDUs " + header[0] + " vs " + largest[0] + (header[1] < largest[1] ? "; header first is faster"
                  : header[1] == largest[1] ? "; same (short reads either way)" : "; largest chunk is faster"),
              -1, -1));
        }
      }
    } finally {
      if (before == null) {
        System.clearProperty(dev.jpki.internal.ReadStrategy.PROPERTY);
      } else {
        System.setProperty(dev.jpki.internal.ReadStrategy.PROPERTY, before);
      }
    }
    return out;
  }
}
