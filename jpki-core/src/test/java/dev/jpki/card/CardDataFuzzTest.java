// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.internal.Apdu;
import dev.jpki.internal.BerTlv;
import dev.jpki.internal.CardChannel;
import dev.jpki.apdu.CardTransport;
import dev.jpki.JpkiException;
import dev.jpki.apdu.MalformedResponseException;
import dev.jpki.internal.Response;
import dev.jpki.apdu.TransportCapabilities;
import dev.jpki.apdu.TransportException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Fuzzing of everything in jpki-core that parses bytes from outside: response APDUs, the 61xx/6Cxx
 * chaining, BER-TLV, chunked file reads and every card-data file (certificate, token label, My Number,
 * 4 info, card face, age record, common record), read through the public card API from a fake card
 * whose file is random or a mutation of a valid one.
 *
 * <p>Invariants: only the SDK's typed exceptions, never a {@code RuntimeException} or an {@code Error};
 * no allocation driven by a length the data claims but does not carry; bounded work. The number of
 * tries is jqwik's default ({@code jqwik.tries.default}), which the {@code fuzz} profile raises.
 */
class CardDataFuzzTest {

  // ------------------------------------------------------------------ Response, BER-TLV

  @Property
  void responseParse_onlyMalformedResponse(@ForAll @Size(max = 300) byte[] raw) {
    try {
      Response r = Response.parse(raw);
      assertThat(r.dataLength()).isEqualTo(raw.length - 2);
    } catch (MalformedResponseException e) {
      assertThat(raw.length).isLessThan(2);
    }
  }

  @Property
  void berTlv_onlyMalformedResponse_andNeverBeyondTheInput(@ForAll("tlvLike") byte[] b) {
    try {
      BerTlv t = BerTlv.parsePrefix(b, "fuzz");
      assertThat(t.totalLength()).isLessThanOrEqualTo(b.length);
      walk(t, 0);
    } catch (MalformedResponseException e) {
      assertThat(e.getMessage()).startsWith("fuzz");
    }
    try {
      List<BerTlv> all = BerTlv.parseSequence(b, 0, b.length, "fuzz");
      assertThat(all.stream().mapToInt(BerTlv::totalLength).sum()).isEqualTo(b.length);
    } catch (MalformedResponseException e) {
      // typed: fine
    }
    try {
      int n = BerTlv.encodedLength(b, b.length, "fuzz");
      assertThat(n).isGreaterThanOrEqualTo(-1);
    } catch (MalformedResponseException e) {
      // typed: fine
    }
  }

  private static void walk(BerTlv t, int depth) throws MalformedResponseException {
    if (depth > 50 || !t.isConstructed()) {
      return;
    }
    for (BerTlv c : t.children()) {
      assertThat(c.totalLength()).isLessThanOrEqualTo(t.length());
      walk(c, depth + 1);
    }
  }

  /** Mostly plausible TLV headers (tags of the card's files, long-form lengths) with random content. */
  @Provide
  Arbitrary<byte[]> tlvLike() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
    Arbitrary<byte[]> headed = Combinators.combine(
            Arbitraries.of(0x30, 0x7F, 0xFF, 0xDF, 0x5F, 0x01, 0x1F),
            Arbitraries.of(0x81, 0x82, 0x83, 0x84, 0x80, 0x85, 0x7F),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(400))
        .as((tag, len, rest) -> {
          byte[] out = new byte[rest.length + 2];
          out[0] = tag.byteValue();
          out[1] = len.byteValue();
          System.arraycopy(rest, 0, out, 2, rest.length);
          return out;
        });
    return Arbitraries.oneOf(random, headed);
  }

  // ------------------------------------------------------------------ chaining (61xx, 6Cxx)

  /** A transport that answers every command with the next random response. */
  private static final class RandomAnswers implements CardTransport {
    private final Deque<byte[]> answers;
    int sent;

    RandomAnswers(List<byte[]> answers) {
      this.answers = new ArrayDeque<>(answers);
    }

    @Override
    public byte[] transceive(byte[] command) throws TransportException {
      sent++;
      byte[] a = answers.poll();
      if (a == null) {
        throw new TransportException(TransportException.Reason.IO_ERROR, "script ended");
      }
      return a;
    }

    @Override
    public TransportCapabilities capabilities() {
      return TransportCapabilities.shortOnly();
    }

    @Override
    public void close() {}
  }

  @Provide
  Arbitrary<List<byte[]>> chainedResponses() {
    Arbitrary<byte[]> sw = Combinators.combine(Arbitraries.of(0x61, 0x6C, 0x90, 0x6A, 0x63, 0x00),
            Arbitraries.integers().between(0, 255), Arbitraries.bytes().array(byte[].class).ofMaxSize(64))
        .as((sw1, sw2, data) -> {
          byte[] out = Arrays.copyOf(data, data.length + 2);
          out[data.length] = sw1.byteValue();
          out[data.length + 1] = (byte) (sw1 == 0x90 ? 0 : sw2);
          return out;
        });
    return Arbitraries.oneOf(sw, Arbitraries.bytes().array(byte[].class).ofMaxSize(4)).list().ofMaxSize(40);
  }

  @Property
  void channel_chainedResponses_onlyTypedExceptions_andBoundedRounds(
      @ForAll("chainedResponses") List<byte[]> answers, @ForAll boolean verify) {
    RandomAnswers t = new RandomAnswers(answers);
    CardChannel channel = new CardChannel(t);
    Apdu cmd = verify
        ? Apdu.of(0x00, 0x20, 0x00, 0x80, new byte[] {'1', '2', '3', '4'}, 0).asSensitive()
        : Apdu.of(0x00, 0xB0, 0x00, 0x00, new byte[0], 256);
    try {
      Response r = channel.transmit(cmd);
      assertThat(r.dataLength()).isLessThanOrEqualTo(answers.stream().mapToInt(a -> a.length).sum());
    } catch (TransportException | MalformedResponseException e) {
      // typed: fine
    }
    // one command, at most one Le re-issue, at most 256 GET RESPONSE rounds (a bounded loop)
    assertThat(t.sent).isLessThanOrEqualTo(2 + 256 + 1);
  }

  @Property
  void channel_readTlvFile_randomFile_onlyTypedExceptions(@ForAll("tlvLike") byte[] file,
      @ForAll boolean extended) {
    CardChannelFile t = new CardChannelFile(file, extended);
    long before = allocatedBytes();
    try {
      byte[] got = new CardChannel(t).readTlvFile("fuzz EF");
      assertThat(got.length).isLessThanOrEqualTo(file.length);
    } catch (JpkiException e) {
      // typed: fine
    }
    assertThat(allocatedBytes() - before).as("heap allocated while reading a " + file.length + "-byte file")
        .isLessThan(ALLOCATION_ALLOWANCE + 64L * file.length);
  }

  /** Bookkeeping of a few reads (APDU objects, copies, a log line) stays far below this. */
  private static final long ALLOCATION_ALLOWANCE = 1 << 20;

  /** Bytes this thread has allocated so far (HotSpot's per-thread counter). */
  private static long allocatedBytes() {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    return mx.getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  /** A file claiming 2 GiB must fail on its claim, not allocate it (found by fuzzing: OutOfMemoryError). */
  @Example
  void readTlvFile_hugeClaimedLength_isMalformed_notAnAllocation() {
    byte[] file = new byte[300];
    file[0] = 0x30;
    file[1] = (byte) 0x84;
    file[2] = 0x7F;
    file[3] = (byte) 0xFF;
    file[4] = (byte) 0xFF;
    file[5] = (byte) 0xF0;
    CardChannelFile t = new CardChannelFile(file, false);
    long before = allocatedBytes();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CardChannel(t).readTlvFile("EF 000A"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("EF 000A");
    assertThat(allocatedBytes() - before).as("heap allocated for a 300-byte file").isLessThan(ALLOCATION_ALLOWANCE);
  }

  /** One EF behind READ BINARY, as a card serves it: 6B00 past the end. */
  private static final class CardChannelFile implements CardTransport {
    private final byte[] file;
    private final boolean extended;

    CardChannelFile(byte[] file, boolean extended) {
      this.file = file;
      this.extended = extended;
    }

    @Override
    public byte[] transceive(byte[] command) {
      Apdu a = Apdu.parse(command);
      int off = (a.p1() << 8) | a.p2();
      if (off >= file.length) {
        return new byte[] {0x6B, 0x00};
      }
      int n = Math.min(a.ne(), file.length - off);
      return new Response(Arrays.copyOfRange(file, off, off + n), 0x9000).encode();
    }

    @Override
    public TransportCapabilities capabilities() {
      return extended ? TransportCapabilities.extended(65544, 65538) : TransportCapabilities.shortOnly();
    }

    @Override
    public void close() {}
  }

  // ------------------------------------------------------------------ card data through the card API

  /** The card files, each with the call of the public API that reads and parses it. */
  enum Target {
    AUTH_CERTIFICATE(Application.JPKI, 0x000A) {
      @Override
      Object read(MyNumberCard c) throws Exception {
        return c.jpki().authCertificate();
      }
    },
    TOKEN_LABEL(Application.JPKI, 0x0006) {
      @Override
      Object read(MyNumberCard c) throws Exception {
        return c.jpki().token();
      }
    },
    MY_NUMBER(Application.TEXT, 0x0001) {
      @Override
      Object read(MyNumberCard c) throws Exception {
        return c.text().myNumber();
      }
    },
    BASIC_INFO(Application.TEXT, 0x0002) {
      @Override
      Object read(MyNumberCard c) throws Exception {
        return c.text().basicInfo();
      }
    },
    AGE_RECORD(Application.VISUAL, 0x0001) {
      @Override
      Object read(MyNumberCard c) throws Exception {
        return c.visual().ageRecord();
      }
    },
    CARD_FACE(Application.VISUAL, 0x0002) {
      @Override
      Object read(MyNumberCard c) throws Exception {
        return c.visual().cardFace();
      }
    },
    COMMON_RECORD(Application.COMMON, 0x0001) {
      @Override
      Object read(MyNumberCard c) throws Exception {
        return c.common().record();
      }
    };

    final Application app;
    final int fid;

    Target(Application app, int fid) {
      this.app = app;
      this.fid = fid;
    }

    abstract Object read(MyNumberCard c) throws Exception;

    byte[] valid() {
      switch (this) {
        case AUTH_CERTIFICATE:
          return Fixtures.filler(Fixtures.authCertDer(), 64);
        case TOKEN_LABEL:
          return Fixtures.tokenInfo("JPKIAPICCTOKEN2");
        case MY_NUMBER:
          return Fixtures.myNumberFile(Fixtures.MY_NUMBER);
        case BASIC_INFO:
          return Fixtures.basicInfoTlv(Fixtures.NAME, Fixtures.ADDRESS, "19900515", "2");
        case AGE_RECORD:
          return Fixtures.ageRecordTlv(CARD_KEY);
        case CARD_FACE:
          return Fixtures.cardFaceTlv(CARD_KEY);
        default:
          return Fixtures.commonRecord();
      }
    }
  }

  private static final java.security.PrivateKey CARD_KEY = Fixtures.key("card");

  /** A valid file with 1 to 4 random edits: byte flips, a cut, an inserted or deleted run. */
  private static byte[] mutate(byte[] valid, long seed) {
    Random r = new Random(seed);
    byte[] b = valid.clone();
    int edits = 1 + r.nextInt(4);
    for (int i = 0; i < edits && b.length > 0; i++) {
      int at = r.nextInt(b.length);
      switch (r.nextInt(5)) {
        case 0:
          b[at] = (byte) r.nextInt(256);
          break;
        case 1:
          b = Arrays.copyOf(b, at); // truncated
          break;
        case 2: { // a length byte becomes a long form
          b[at] = (byte) (0x81 + r.nextInt(4));
          break;
        }
        case 3: { // insert random bytes
          byte[] ins = new byte[1 + r.nextInt(8)];
          r.nextBytes(ins);
          byte[] n = new byte[b.length + ins.length];
          System.arraycopy(b, 0, n, 0, at);
          System.arraycopy(ins, 0, n, at, ins.length);
          System.arraycopy(b, at, n, at + ins.length, b.length - at);
          b = n;
          break;
        }
        default: // delete a run
          int len = Math.min(b.length - at, 1 + r.nextInt(8));
          byte[] n = new byte[b.length - len];
          System.arraycopy(b, 0, n, 0, at);
          System.arraycopy(b, at + len, n, at, b.length - at - len);
          b = n;
          break;
      }
    }
    return b;
  }

  @Property
  void cardFile_mutatedOrRandom_onlyTypedExceptions(@ForAll Target target, @ForAll long seed,
      @ForAll boolean random, @ForAll @IntRange(max = 600) int randomLength, @ForAll boolean extended) {
    byte[] file;
    if (random) {
      file = new byte[randomLength];
      new Random(seed).nextBytes(file);
    } else {
      file = mutate(target.valid(), seed);
    }
    FakeCard fake = new FakeCard()
        .capabilities(extended ? TransportCapabilities.extended(65544, 65538) : TransportCapabilities.shortOnly());
    if (target == Target.COMMON_RECORD) {
      fake.record(target.app, target.fid, file);
    } else {
      fake.file(target.app, target.fid, file);
    }
    try (MyNumberCard card = MyNumberCard.open(fake)) {
      Object value = target.read(card);
      assertThat(value.toString()).isNotNull();
    } catch (JpkiException e) {
      assertThat(e.getMessage()).isNotBlank();
    } catch (Exception e) {
      throw new AssertionError(target + ": untyped " + e, e);
    }
  }
}
