// SPDX-License-Identifier: Apache-2.0
package dev.jpki.benchmarks;

import dev.jpki.internal.Apdu;
import dev.jpki.internal.BerTlv;
import dev.jpki.internal.CardChannel;
import dev.jpki.apdu.CardTransport;
import dev.jpki.internal.Hex;
import dev.jpki.apdu.MalformedResponseException;
import dev.jpki.internal.Response;
import dev.jpki.apdu.TransportCapabilities;
import java.util.Arrays;
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
 * The protocol layer's CPU cost per operation, next to the cheapest possible baseline (copying the same
 * bytes): APDU encode/parse, BER-TLV parse of a 4-info file, and reading a 1.3 KB certificate EF
 * through {@link CardChannel} from an in-memory card (no card latency, so only our overhead shows).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ProtocolBenchmark {
  private byte[] encodedReadBinary = new byte[0];
  private byte[] fourInfo = new byte[0];
  private byte[] certificateEf = new byte[0];
  private Apdu readBinary = Apdu.of(0, 0xB0, 0, 0);

  /** An in-memory EF answering READ BINARY like the card (docs/card-protocol.md §12.3). */
  static final class MemoryCard implements CardTransport {
    private final byte[] file;

    MemoryCard(byte[] file) {
      this.file = file;
    }

    @Override
    public byte[] transceive(byte[] c) {
      int off = ((c[2] & 0xFF) << 8) | (c[3] & 0xFF);
      int le = c.length == 5 ? ((c[4] & 0xFF) == 0 ? 256 : c[4] & 0xFF)
          : (((c[5] & 0xFF) << 8) | (c[6] & 0xFF));
      if (le == 0) {
        le = 65536;
      }
      int n = Math.min(le, file.length - off);
      byte[] r = Arrays.copyOfRange(file, off, off + n + 2);
      r[n] = (byte) 0x90;
      r[n + 1] = 0;
      return r;
    }

    @Override
    public TransportCapabilities capabilities() {
      return TransportCapabilities.extended(65544, 8192);
    }

    @Override
    public void close() {}
  }

  /** Builds the inputs once. */
  @Setup
  public void setUp() {
    readBinary = Apdu.of(0x00, 0xB0, 0x01, 0x00, new byte[0], 256);
    encodedReadBinary = readBinary.encode();
    String name = "E8A9A6E9A893E38080E88AB1E5AD90"; // 試験　花子
    String addr = "E69DB1E4BAACE983BDE58D83E4BBA3E794B0E58CBAE99C9EE3818CE996A2";
    String body = "DF2108000E001F003E0049"
        + "DF22" + String.format("%02X", name.length() / 2) + name
        + "DF23" + String.format("%02X", addr.length() / 2) + addr
        + "DF2408" + "3139393030353135" // 19900515
        + "DF2501" + "32";
    fourInfo = Hex.decode("FF20" + String.format("%02X", body.length() / 2) + body + "FFFFFF");
    certificateEf = new byte[1300 + 32];
    certificateEf[0] = 0x30;
    certificateEf[1] = (byte) 0x82;
    certificateEf[2] = (byte) (1296 >> 8);
    certificateEf[3] = (byte) (1296 & 0xFF);
  }

  /** @return the encoded READ BINARY */
  @Benchmark
  public byte[] apduEncode() {
    return readBinary.encode();
  }

  /** @return the parsed READ BINARY */
  @Benchmark
  public Apdu apduParse() {
    return Apdu.parse(encodedReadBinary);
  }

  /** Baseline: copying the bytes the encoder writes. @return a copy */
  @Benchmark
  public byte[] baselineCopyApdu() {
    return encodedReadBinary.clone();
  }

  /**
   * Parses the 4-info TLV and its children.
   *
   * @return the number of children
   * @throws MalformedResponseException never for this input
   */
  @Benchmark
  public int tlvParseFourInfo() throws MalformedResponseException {
    return BerTlv.parsePrefix(fourInfo, "text EF 0002").children().size();
  }

  /** Baseline: copying the 4-info file. @return a copy */
  @Benchmark
  public byte[] baselineCopyFourInfo() {
    return fourInfo.clone();
  }

  /**
   * Reads a certificate EF through the channel from an in-memory card.
   *
   * @return the certificate bytes
   * @throws Exception never for this input
   */
  @Benchmark
  public byte[] channelReadCertificate() throws Exception {
    return new CardChannel(new MemoryCard(certificateEf)).readTlvFile("EF 000A");
  }

  /** Baseline: one response-sized copy plus the TLV-sized copy the read must make. @return a copy */
  @Benchmark
  public byte[] baselineCopyCertificate() {
    byte[] r = Arrays.copyOf(certificateEf, 1300 + 2);
    return Arrays.copyOf(r, 1300);
  }

  /**
   * Parses a response APDU.
   *
   * @return the response
   * @throws MalformedResponseException never
   */
  @Benchmark
  public Response responseParse() throws MalformedResponseException {
    return Response.parse(certificateEf);
  }
}
