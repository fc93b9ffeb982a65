// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.card;

import java.security.interfaces.RSAPrivateKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Everything a virtual card holds: files, credentials (key references), private keys, MF-level data
 * objects and the ATR. Immutable; build with {@link #builder()}, derive variants with {@link
 * #toBuilder()}.
 *
 * <p>Each (application, FID) pair holds exactly one thing: a transparent EF, a record EF, a credential
 * or a signing key. Defining the same pair again replaces the earlier definition, so variants (tampered
 * file, blocked PIN) are one builder call away.
 *
 * <p>Security: {@link #toString()} prints only counts, never file contents or credential values.
 */
public final class CardProfile {
  /** Default tries of the 4-digit PINs (JPKI {@code 0018}, text {@code 0011}, {@code 001C}), docs/card-protocol.md §4.1. */
  public static final int PIN_MAX_TRIES = 3;

  /** Default tries of the JPKI signature password ({@code 001B}), docs/card-protocol.md §4.1. */
  public static final int SIGN_PASSWORD_MAX_TRIES = 5;

  /**
   * Default tries of 照合番号A/B and the DOB key, docs/card-protocol.md §4.3 and §12.8: 10, <b>UNCONFIRMED</b>; pass
   * another value to {@link Builder#credential(Application, int, byte[], int)} to model other cards.
   */
  public static final int VERIFICATION_NUMBER_MAX_TRIES = 10;

  private static final byte[] DEFAULT_ATR = {
    0x3B, (byte) 0xE0, 0x00, (byte) 0xFF, (byte) 0x81, 0x31, (byte) 0xFE, 0x45, 0x14
  };

  /** One thing stored at an (application, FID). */
  abstract static class Entry {
    private Entry() {}
  }

  /** Transparent EF (docs/card-protocol.md §3.1 READ BINARY). */
  static final class TransparentFile extends Entry {
    final byte[] content;
    final Access readAccess;

    TransparentFile(byte[] content, Access readAccess) {
      this.content = content;
      this.readAccess = readAccess;
    }
  }

  /** Record EF (docs/card-protocol.md §8 READ RECORD). */
  static final class RecordFile extends Entry {
    final byte[][] records;
    final Access readAccess;

    RecordFile(byte[][] records, Access readAccess) {
      this.records = records;
      this.readAccess = readAccess;
    }
  }

  /** Key reference holding a PIN, password, 照合番号 or DOB key (docs/card-protocol.md §4.1). */
  static final class Credential extends Entry {
    final byte[] value;
    final int maxTries;
    final int triesLeft;

    Credential(byte[] value, int maxTries, int triesLeft) {
      this.value = value;
      this.maxTries = maxTries;
      this.triesLeft = triesLeft;
    }
  }

  /** Private-key EF usable by COMPUTE DIGITAL SIGNATURE / INTERNAL AUTHENTICATE (docs/card-protocol.md §5.3, §8). */
  static final class SigningKey extends Entry {
    final RSAPrivateKey key;
    final Access useAccess;

    SigningKey(RSAPrivateKey key, Access useAccess) {
      this.key = key;
      this.useAccess = useAccess;
    }
  }

  private final Map<Application, Map<Integer, Entry>> entries;
  private final Map<Application, RSAPrivateKey> cardKeys;
  private final Map<Integer, byte[]> dataObjects;
  private final byte[] atr;
  private final Set<Application> applications;

  private CardProfile(Builder b) {
    EnumMap<Application, Map<Integer, Entry>> e = new EnumMap<>(Application.class);
    for (Map.Entry<Application, TreeMap<Integer, Entry>> me : b.entries.entrySet()) {
      e.put(me.getKey(), Collections.unmodifiableMap(new TreeMap<>(me.getValue())));
    }
    this.entries = Collections.unmodifiableMap(e);
    this.cardKeys = Collections.unmodifiableMap(new EnumMap<>(b.cardKeys));
    this.dataObjects = Collections.unmodifiableMap(new TreeMap<>(b.dataObjects));
    this.atr = b.atr.clone();
    Set<Application> apps;
    if (b.applications != null) {
      apps = EnumSet.copyOf(b.applications);
    } else {
      apps = EnumSet.noneOf(Application.class);
      for (Application app : Application.values()) {
        if (app.hasAid() && (b.entries.containsKey(app) || b.cardKeys.containsKey(app))) {
          apps.add(app);
        }
      }
    }
    apps.remove(Application.MF);
    this.applications = Collections.unmodifiableSet(apps);
  }

  /**
   * Starts an empty profile.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding a copy of this profile, for variants (tampered file, expired certificate, blocked
   * PIN).
   *
   * @return a new builder initialised from this profile
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    for (Map.Entry<Application, Map<Integer, Entry>> me : entries.entrySet()) {
      b.entries.put(me.getKey(), new TreeMap<>(me.getValue()));
    }
    b.cardKeys.putAll(cardKeys);
    b.dataObjects.putAll(dataObjects);
    b.atr = atr.clone();
    b.applications = EnumSet.noneOf(Application.class);
    b.applications.addAll(applications);
    return b;
  }

  /**
   * The ATR the card presents (docs/card-protocol.md §1).
   *
   * @return a copy of the ATR
   */
  public byte[] atr() {
    return atr.clone();
  }

  /**
   * The applications that answer SELECT.
   *
   * @return an unmodifiable set, never containing {@link Application#MF}
   */
  public Set<Application> applications() {
    return applications;
  }

  /**
   * The physical content of a transparent EF, as READ BINARY returns it (including filler).
   *
   * @param app the application
   * @param fid the file identifier
   * @return a copy of the content, or empty if there is no transparent EF at that FID
   */
  public Optional<byte[]> file(Application app, int fid) {
    Entry e = entry(app, fid);
    return e instanceof TransparentFile tf ? Optional.of(tf.content.clone()) : Optional.empty();
  }

  /**
   * The records of a record EF.
   *
   * @param app the application
   * @param fid the file identifier
   * @return copies of the records (record 1 first), or empty if there is no record EF at that FID
   */
  public Optional<List<byte[]>> records(Application app, int fid) {
    Entry e = entry(app, fid);
    if (!(e instanceof RecordFile rf)) {
      return Optional.empty();
    }
    List<byte[]> out = new ArrayList<>(rf.records.length);
    for (byte[] r : rf.records) {
      out.add(r.clone());
    }
    return Optional.of(Collections.unmodifiableList(out));
  }

  /**
   * An MF-level GET DATA object (docs/card-protocol.md §8).
   *
   * @param tag the tag, e.g. {@code 0x5F51}
   * @return a copy of the value, or empty if absent
   */
  public Optional<byte[]> dataObject(int tag) {
    byte[] v = dataObjects.get(tag);
    return v == null ? Optional.empty() : Optional.of(v.clone());
  }

  @Nullable Entry entry(Application app, int fid) {
    Map<Integer, Entry> m = entries.get(app);
    return m == null ? null : m.get(fid);
  }

  Map<Integer, Entry> entries(Application app) {
    Map<Integer, Entry> m = entries.get(app);
    return m == null ? Collections.emptyMap() : m;
  }

  @Nullable RSAPrivateKey cardKey(Application app) {
    return cardKeys.get(app);
  }

  byte @Nullable [] dataObjectRaw(int tag) {
    return dataObjects.get(tag);
  }

  byte[] atrRaw() {
    return atr;
  }

  @Override
  public String toString() {
    int n = 0;
    for (Map<Integer, Entry> m : entries.values()) {
      n += m.size();
    }
    return "CardProfile[applications=" + applications + ", entries=" + n + ", cardKeys="
        + cardKeys.keySet() + ", dataObjects=" + dataObjects.size() + "]";
  }

  /** Builds a {@link CardProfile}. Not thread-safe. */
  public static final class Builder {
    private final EnumMap<Application, TreeMap<Integer, Entry>> entries =
        new EnumMap<>(Application.class);
    private final EnumMap<Application, RSAPrivateKey> cardKeys = new EnumMap<>(Application.class);
    private final TreeMap<Integer, byte[]> dataObjects = new TreeMap<>();
    private byte[] atr = DEFAULT_ATR.clone();
    private @Nullable EnumSet<Application> applications;

    private Builder() {}

    /**
     * A transparent EF with its physical content (including filler, docs/card-protocol.md §3.3).
     *
     * @param app the application holding the EF (not {@link Application#MF}: docs/card-protocol.md §8, no EFs there)
     * @param fid the file identifier, {@code 0000..FFFF}
     * @param content the content; copied
     * @param readAccess who may READ BINARY it
     * @return this builder
     * @throws IllegalArgumentException if app is MF or fid is out of range
     */
    public Builder file(Application app, int fid, byte[] content, Access readAccess) {
      put(app, fid, new TransparentFile(content.clone(), readAccess));
      return this;
    }

    /**
     * A record-structured EF (common AP / juki AP EF 0001/0002, docs/card-protocol.md §8), records numbered from 1.
     *
     * @param app the application holding the EF
     * @param fid the file identifier
     * @param records the records, record 1 first; each copied
     * @param readAccess who may READ RECORD it
     * @return this builder
     * @throws IllegalArgumentException if app is MF, fid is out of range or there are no records
     */
    public Builder recordFile(Application app, int fid, List<byte[]> records, Access readAccess) {
      if (records.isEmpty() || records.size() > 254) {
        throw new IllegalArgumentException("a record EF needs 1..254 records, got " + records.size());
      }
      byte[][] copy = new byte[records.size()][];
      for (int i = 0; i < copy.length; i++) {
        copy[i] = records.get(i).clone();
      }
      put(app, fid, new RecordFile(copy, readAccess));
      return this;
    }

    /**
     * A credential (PIN / password / 照合番号 / DOB key) at key-ref FID with its ASCII value and a full
     * retry counter.
     *
     * @param app the application
     * @param fid the key-reference FID (e.g. {@code 0x0018})
     * @param asciiValue the value the card compares byte for byte; copied
     * @param maxTries the retry maximum, 1..15 (63Cx can report at most 15)
     * @return this builder
     * @throws IllegalArgumentException if an argument is out of range
     */
    public Builder credential(Application app, int fid, byte[] asciiValue, int maxTries) {
      return credential(app, fid, asciiValue, maxTries, maxTries);
    }

    /**
     * Same as {@link #credential(Application, int, byte[], int)}, with the counter already partly used
     * ({@code triesLeft < maxTries}) or blocked ({@code 0}).
     *
     * @param app the application
     * @param fid the key-reference FID
     * @param asciiValue the value; copied
     * @param maxTries the retry maximum, 1..15
     * @param triesLeft the tries left, 0..maxTries
     * @return this builder
     * @throws IllegalArgumentException if an argument is out of range
     */
    public Builder credential(
        Application app, int fid, byte[] asciiValue, int maxTries, int triesLeft) {
      if (maxTries < 1 || maxTries > 15) {
        throw new IllegalArgumentException("maxTries must be 1..15, was " + maxTries);
      }
      if (triesLeft < 0 || triesLeft > maxTries) {
        throw new IllegalArgumentException(
            "triesLeft must be 0.." + maxTries + ", was " + triesLeft);
      }
      if (asciiValue.length == 0 || asciiValue.length > 255) {
        // message names the field, never the value (common rules: no secrets in messages)
        throw new IllegalArgumentException("credential value length must be 1..255");
      }
      put(app, fid, new Credential(asciiValue.clone(), maxTries, triesLeft));
      return this;
    }

    /**
     * A key reference that exists but is permanently blocked: {@code 63C0} on query, {@code 6984} on
     * VERIFY (text AP {@code 0012}, docs/card-protocol.md §4.3).
     *
     * @param app the application
     * @param fid the key-reference FID
     * @return this builder
     */
    public Builder blockedCredential(Application app, int fid) {
      // No value can ever match: VERIFY on a blocked key answers 6984 without comparing (docs/card-protocol.md §12.4).
      put(app, fid, new Credential(new byte[0], 1, 0));
      return this;
    }

    /**
     * A private signing key at key-EF FID. COMPUTE DIGITAL SIGNATURE ({@code 80 2A 00 80} after SELECT
     * of keyFid, or {@code 80 2A 00 97/9A} by SFI) works when useAccess is satisfied. JPKI: {@code
     * (JPKI, 0x0017, authKey, Access.anyOf(0x0018))}, {@code (JPKI, 0x001A, signKey,
     * Access.anyOf(0x001B))}. A key in {@link Application#COMMON} with {@link Access#always()} answers
     * INTERNAL AUTHENTICATE (docs/card-protocol.md §8, EF {@code 0019}).
     *
     * @param app the application
     * @param keyFid the key EF
     * @param key an RSA private key (RSA-2048 on real cards)
     * @param useAccess who may use it
     * @return this builder
     */
    public Builder signingKey(Application app, int keyFid, RSAPrivateKey key, Access useAccess) {
      put(app, keyFid, new SigningKey(key, useAccess));
      return this;
    }

    /**
     * The AP's default key used by {@code 80 2A 00 00} (docs/card-protocol.md §3.1, §7.3 step 5).
     *
     * @param app the application (text or visual AP on real cards)
     * @param key the card key
     * @return this builder
     * @throws IllegalArgumentException if app is MF
     */
    public Builder cardKey(Application app, RSAPrivateKey key) {
      requireAp(app);
      cardKeys.put(app, key);
      return this;
    }

    /**
     * An MF-level GET DATA object (docs/card-protocol.md §8), e.g. tag {@code 0x5F51} (contact ATR).
     *
     * @param tag the tag, {@code 0001..FFFF}
     * @param value the value; copied
     * @return this builder
     * @throws IllegalArgumentException if the tag is out of range
     */
    public Builder dataObject(int tag, byte[] value) {
      if (tag < 1 || tag > 0xFFFF) {
        throw new IllegalArgumentException(String.format("GET DATA tag out of range: %X", tag));
      }
      dataObjects.put(tag, value.clone());
      return this;
    }

    /**
     * The ATR; default {@code 3B E0 00 FF 81 31 FE 45 14} (docs/card-protocol.md §1).
     *
     * @param atr 2..33 bytes; copied
     * @return this builder
     * @throws IllegalArgumentException if the length is out of range
     */
    public Builder atr(byte[] atr) {
      if (atr.length < 2 || atr.length > 33) {
        throw new IllegalArgumentException("ATR must be 2..33 bytes, was " + atr.length);
      }
      this.atr = atr.clone();
      return this;
    }

    /**
     * Which applications answer SELECT (default: those with at least one file, credential or key).
     *
     * @param apps the applications; {@link Application#MF} is ignored
     * @return this builder
     */
    public Builder applications(Set<Application> apps) {
      EnumSet<Application> s = EnumSet.noneOf(Application.class);
      s.addAll(apps);
      this.applications = s;
      return this;
    }

    /**
     * Builds the immutable profile.
     *
     * @return the profile
     */
    public CardProfile build() {
      return new CardProfile(this);
    }

    private void put(Application app, int fid, Entry e) {
      requireAp(app);
      if (fid < 0 || fid > 0xFFFF) {
        throw new IllegalArgumentException(String.format("FID out of range: %X", fid));
      }
      entries.computeIfAbsent(app, a -> new TreeMap<>()).put(fid, e);
    }

    private static void requireAp(Application app) {
      if (!app.hasAid()) {
        throw new IllegalArgumentException(
            "MF holds no selectable EFs (docs/card-protocol.md §8, §12.2); use dataObject() for MF-level data");
      }
    }
  }
}
