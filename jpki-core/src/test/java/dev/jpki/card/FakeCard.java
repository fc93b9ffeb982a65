// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import dev.jpki.internal.Apdu;
import dev.jpki.apdu.CardTransport;
import dev.jpki.internal.Hex;
import dev.jpki.apdu.TransportCapabilities;
import dev.jpki.apdu.TransportException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A small stateful card for jpki-core unit tests (jpki-core cannot depend on jpki-testkit's virtual
 * card). Follows the simulator model of docs/card-protocol.md §12: current DF/EF, retry counters, verified keys cleared on
 * DF change, access rules, PKCS#1 v1.5 signing of the given DigestInfo.
 */
final class FakeCard implements CardTransport {
  private static final class Ef {
    final byte[] content;
    final int[] openedBy; // key refs; empty = always
    final boolean record;

    Ef(byte[] content, int[] openedBy, boolean record) {
      this.content = content;
      this.openedBy = openedBy;
      this.record = record;
    }
  }

  private static final class Key {
    final byte[] value;
    final int max;
    int left;

    Key(byte[] value, int max, int left) {
      this.value = value;
      this.max = max;
      this.left = left;
    }
  }

  private static final class SigningKey {
    final PrivateKey key;
    final int needs;

    SigningKey(PrivateKey key, int needs) {
      this.key = key;
      this.needs = needs;
    }
  }

  private final Map<Application, Map<Integer, Ef>> files = new HashMap<>();
  private final Map<Application, Map<Integer, Key>> keys = new HashMap<>();
  private final Map<Application, Map<Integer, SigningKey>> signingKeys = new HashMap<>();
  private final Map<Application, PrivateKey> cardKeys = new HashMap<>();
  private final Set<Application> apps = new HashSet<>();
  private TransportCapabilities caps = TransportCapabilities.shortOnly();
  private boolean answer9000WhenVerified;
  private Predicate<byte[]> failWhen = c -> false;

  private Application df;
  private int ef = -1;
  private final Set<Integer> verified = new HashSet<>();
  private final List<String> log = new ArrayList<>();
  private boolean closed;

  FakeCard app(Application app) {
    apps.add(app);
    return this;
  }

  FakeCard file(Application app, int fid, byte[] content, int... openedBy) {
    apps.add(app);
    files.computeIfAbsent(app, a -> new HashMap<>()).put(fid, new Ef(content.clone(), openedBy, false));
    return this;
  }

  FakeCard record(Application app, int fid, byte[] record1) {
    apps.add(app);
    files.computeIfAbsent(app, a -> new HashMap<>()).put(fid, new Ef(record1.clone(), new int[0], true));
    return this;
  }

  FakeCard key(Application app, int fid, String value, int max) {
    return key(app, fid, value, max, max);
  }

  FakeCard key(Application app, int fid, String value, int max, int triesLeft) {
    apps.add(app);
    keys.computeIfAbsent(app, a -> new HashMap<>())
        .put(fid, new Key(value.getBytes(java.nio.charset.StandardCharsets.US_ASCII), max, triesLeft));
    return this;
  }

  FakeCard signingKey(Application app, int fid, PrivateKey key, int needs) {
    apps.add(app);
    signingKeys.computeIfAbsent(app, a -> new HashMap<>()).put(fid, new SigningKey(key, needs));
    return this;
  }

  FakeCard cardKey(Application app, PrivateKey key) {
    apps.add(app);
    cardKeys.put(app, key);
    return this;
  }

  FakeCard capabilities(TransportCapabilities c) {
    this.caps = c;
    return this;
  }

  FakeCard answer9000WhenVerified() {
    this.answer9000WhenVerified = true;
    return this;
  }

  /** Throws a transport failure (instead of answering) for commands matching the predicate. */
  FakeCard failWhen(Predicate<byte[]> p) {
    this.failWhen = p;
    return this;
  }

  int triesLeft(Application app, int fid) {
    return keys.get(app).get(fid).left;
  }

  /** Commands seen, as hex; VERIFY data shown so tests can check what was sent. */
  List<String> log() {
    return log;
  }

  /** Commands seen, header only ("00A4040C"), for sequence assertions. */
  List<String> headers() {
    List<String> out = new ArrayList<>();
    for (String s : log) {
      out.add(s.substring(0, 8));
    }
    return out;
  }

  int count() {
    return log.size();
  }

  void clearLog() {
    log.clear();
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public byte[] transceive(byte[] command) throws TransportException {
    if (closed) {
      throw new TransportException(TransportException.Reason.CLOSED, "closed");
    }
    log.add(Hex.encode(command));
    if (failWhen.test(command)) {
      throw new TransportException(TransportException.Reason.CARD_REMOVED, "card removed");
    }
    if (command.length > caps.maxCommandLength()) {
      throw new TransportException(TransportException.Reason.LENGTH_LIMIT, "too long");
    }
    Apdu a = Apdu.parse(command);
    if (a.requiresExtended() && !caps.extendedLength()) {
      throw new TransportException(TransportException.Reason.LENGTH_LIMIT, "extended on short-only");
    }
    return process(a);
  }

  private static byte[] sw(int sw) {
    return new byte[] {(byte) (sw >> 8), (byte) sw};
  }

  private static byte[] ok(byte[] data) {
    byte[] out = Arrays.copyOf(data, data.length + 2);
    out[data.length] = (byte) 0x90;
    return out;
  }

  private byte[] process(Apdu a) {
    int cla = a.cla();
    int ins = a.ins();
    if (ins == 0xA4 && a.p1() == 0x04) {
      for (Application app : apps) {
        if (Arrays.equals(app.aid(), a.data())) {
          df = app;
          ef = -1;
          verified.clear(); // docs/card-protocol.md §12 rule 1
          return sw(0x9000);
        }
      }
      return sw(0x6A82);
    }
    if (ins == 0xA4 && a.p1() == 0x02) {
      if (df == null) {
        return sw(0x6986);
      }
      byte[] d = a.data();
      int fid = ((d[0] & 0xFF) << 8) | (d[1] & 0xFF);
      if (map(files, df).containsKey(fid) || map(keys, df).containsKey(fid) || map(signingKeys, df).containsKey(fid)) {
        ef = fid;
        return sw(0x9000);
      }
      return sw(0x6A82);
    }
    if (ins == 0xB0) {
      Ef f = df == null ? null : map(files, df).get(ef);
      if (f == null || f.record) {
        return sw(0x6986);
      }
      if (!open(f)) {
        return sw(0x6982);
      }
      int off = (a.p1() << 8) | a.p2();
      if (off >= f.content.length) {
        return sw(0x6B00);
      }
      int n = Math.min(a.ne() == 0 ? 256 : a.ne(), f.content.length - off);
      return ok(Arrays.copyOfRange(f.content, off, off + n));
    }
    if (ins == 0xB2) {
      Ef f = df == null ? null : map(files, df).get(ef);
      if (f == null || !f.record || a.p1() != 1 || a.p2() != 0x04) {
        return sw(0x6A83);
      }
      return ok(f.content);
    }
    if (ins == 0x20) {
      Key k = df == null ? null : map(keys, df).get(ef);
      if (k == null) {
        return sw(0x6986);
      }
      if (a.dataLength() == 0) {
        if (answer9000WhenVerified && verified.contains(ef)) {
          return sw(0x9000);
        }
        return sw(0x63C0 | k.left);
      }
      if (k.left == 0) {
        return sw(0x6984);
      }
      if (Arrays.equals(k.value, a.data())) {
        k.left = k.max;
        verified.add(ef);
        return sw(0x9000);
      }
      k.left--;
      verified.remove(ef);
      return sw(0x63C0 | k.left);
    }
    if (ins == 0x24) {
      Key k = df == null ? null : map(keys, df).get(ef);
      if (k == null || !verified.contains(ef) || a.p1() != 0x01 || a.p2() != 0x80) {
        return sw(0x6982);
      }
      map(keys, df).put(ef, new Key(a.data(), k.max, k.left));
      return sw(0x9000);
    }
    if (cla == 0x80 && ins == 0x2A) {
      PrivateKey pk;
      if (a.p2() == 0x80) {
        SigningKey sk = df == null ? null : map(signingKeys, df).get(ef);
        if (sk == null || !verified.contains(sk.needs)) {
          return sw(0x6982);
        }
        pk = sk.key;
      } else if (a.p2() == 0x00) {
        pk = df == null ? null : cardKeys.get(df);
        if (pk == null) {
          return sw(0x6A86);
        }
      } else {
        return sw(0x6A86);
      }
      if (a.dataLength() > 245) {
        return sw(0x6985);
      }
      try {
        Signature s = Signature.getInstance("NONEwithRSA");
        s.initSign(pk);
        s.update(a.data());
        return ok(s.sign());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return sw(0x6D00);
  }

  private boolean open(Ef f) {
    if (f.openedBy.length == 0) {
      return true;
    }
    for (int k : f.openedBy) {
      if (verified.contains(k)) {
        return true;
      }
    }
    return false;
  }

  private static <V> Map<Integer, V> map(Map<Application, Map<Integer, V>> m, Application app) {
    Map<Integer, V> r = m.get(app);
    return r == null ? new HashMap<>() : r;
  }

  @Override
  public TransportCapabilities capabilities() {
    return caps;
  }

  @Override
  public void close() {
    closed = true;
  }
}
