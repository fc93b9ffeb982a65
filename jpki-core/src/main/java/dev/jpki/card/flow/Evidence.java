// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card.flow;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a card-side collector gathered for one flow: the files read, the verifier's challenge and the
 * card's signatures over it. A value that crosses machines as bytes: {@link #toBytes()} and {@link
 * #fromBytes(byte[])} (no Java serialisation, no JSON).
 *
 * <p>Encoding, version 1 (big-endian):
 *
 * <pre>
 *   'J' 'E'            magic
 *   0x01               version
 *   kind               {@link EvidenceKind#code()}
 *   { tag  u8 ; length u32 ; value[length] }*   fields, tags strictly ascending, each at most once
 * </pre>
 *
 * Tags: 1 challenge, 2 card-key signature over the challenge, 3 X.509 certificate (DER), 4 JPKI-key
 * signature over the challenge, 5 visual AP CVC (EF 0004), 6 card face (visual EF 0002), 7 age record
 * (visual EF 0001), 8 common AP record (card serial, municipality, expiry), 9 OCR birth date ({@code
 * YYYYMMDD} ASCII), 10 OCR expiry year ({@code YYYY} ASCII). Evidence is at most {@link #MAX_ENCODED}
 * bytes. Unknown tags are refused: a newer writer must raise the version.
 *
 * <p>Nothing here is verified: evidence is a claim until the verifier in jpki-verify checks it. It
 * holds personal data (birth date, face image, certificates): {@link #toString()} names only the kind
 * and which fields are present. Immutable.
 */
public final class Evidence {
  /** Largest accepted encoding: the card face with its photo is a few KB, certificates ~1.5 KB. */
  public static final int MAX_ENCODED = 256 * 1024;

  static final int CHALLENGE = 1;
  static final int CARD_KEY_SIGNATURE = 2;
  static final int CERTIFICATE = 3;
  static final int CERTIFICATE_SIGNATURE = 4;
  static final int VISUAL_CVC = 5;
  static final int CARD_FACE = 6;
  static final int AGE_RECORD = 7;
  static final int COMMON_RECORD = 8;
  static final int OCR_BIRTH_DATE = 9;
  static final int OCR_EXPIRY_YEAR = 10;
  private static final int MAX_TAG = 10;
  private static final String[] NAMES = {
    "", "challenge", "cardKeySignature", "certificate", "certificateSignature", "visualCvc", "cardFace",
    "ageRecord", "commonRecord", "ocrBirthDate", "ocrExpiryYear"
  };
  private static final int VERSION = 1;

  private final EvidenceKind kind;
  private final byte[] @Nullable [] fields;

  private Evidence(EvidenceKind kind, byte[] @Nullable [] fields) {
    this.kind = kind;
    this.fields = fields;
  }

  static Builder builder(EvidenceKind kind) {
    return new Builder(kind);
  }

  /**
   * Decodes evidence.
   *
   * @param encoded the bytes from {@link #toBytes()}
   * @return the evidence
   * @throws EvidenceFormatException if the bytes are not a version 1 evidence encoding
   */
  public static Evidence fromBytes(byte[] encoded) throws EvidenceFormatException {
    Objects.requireNonNull(encoded, "encoded");
    if (encoded.length > MAX_ENCODED) {
      throw new EvidenceFormatException("evidence larger than " + MAX_ENCODED + " bytes");
    }
    if (encoded.length < 4 || encoded[0] != 'J' || encoded[1] != 'E') {
      throw new EvidenceFormatException("not evidence (magic 'JE' missing)");
    }
    if (encoded[2] != VERSION) {
      throw new EvidenceFormatException("unsupported evidence version " + (encoded[2] & 0xFF));
    }
    EvidenceKind kind = EvidenceKind.ofCode(encoded[3] & 0xFF);
    byte[] @Nullable [] fields = new byte[MAX_TAG + 1][];
    int pos = 4;
    int lastTag = 0;
    while (pos < encoded.length) {
      if (encoded.length - pos < 5) {
        throw new EvidenceFormatException("truncated field header at offset " + pos);
      }
      int tag = encoded[pos] & 0xFF;
      if (tag < 1 || tag > MAX_TAG) {
        throw new EvidenceFormatException("unknown field tag " + tag + " at offset " + pos);
      }
      if (tag <= lastTag) {
        throw new EvidenceFormatException("field tag " + tag + " repeated or out of order at offset " + pos);
      }
      long len = ((encoded[pos + 1] & 0xFFL) << 24) | ((encoded[pos + 2] & 0xFF) << 16)
          | ((encoded[pos + 3] & 0xFF) << 8) | (encoded[pos + 4] & 0xFF);
      pos += 5;
      if (len > encoded.length - pos) {
        throw new EvidenceFormatException("field " + NAMES[tag] + " longer than the remaining bytes at offset " + pos);
      }
      fields[tag] = Arrays.copyOfRange(encoded, pos, pos + (int) len);
      pos += (int) len;
      lastTag = tag;
    }
    return new Evidence(kind, fields);
  }

  /**
   * Encodes the evidence (format in the class documentation).
   *
   * @return a new array
   */
  public byte[] toBytes() {
    int size = 4;
    for (byte[] f : fields) {
      if (f != null) {
        size += 5 + f.length;
      }
    }
    byte[] out = new byte[size];
    out[0] = 'J';
    out[1] = 'E';
    out[2] = VERSION;
    out[3] = (byte) kind.code();
    int pos = 4;
    for (int tag = 1; tag <= MAX_TAG; tag++) {
      byte[] f = fields[tag];
      if (f == null) {
        continue;
      }
      out[pos] = (byte) tag;
      out[pos + 1] = (byte) (f.length >>> 24);
      out[pos + 2] = (byte) (f.length >>> 16);
      out[pos + 3] = (byte) (f.length >>> 8);
      out[pos + 4] = (byte) f.length;
      System.arraycopy(f, 0, out, pos + 5, f.length);
      pos += 5 + f.length;
    }
    return out;
  }

  /**
   * Returns which flow collected this evidence.
   *
   * @return the kind
   */
  public EvidenceKind kind() {
    return kind;
  }

  private byte @Nullable [] get(int tag) {
    byte[] f = fields[tag];
    return f == null ? null : f.clone();
  }

  /**
   * Returns the challenge the card signed (the verifier compares it with the one it issued).
   *
   * @return a copy, or null if absent
   */
  public byte @Nullable [] challenge() {
    return get(CHALLENGE);
  }

  /**
   * Returns the card key's signature over DigestInfo(SHA-256(challenge)) (liveness).
   *
   * @return a copy, or null if absent
   */
  public byte @Nullable [] cardKeySignature() {
    return get(CARD_KEY_SIGNATURE);
  }

  /**
   * Returns the DER X.509 certificate read from the JPKI AP (signature certificate for {@link
   * EvidenceKind#AGE_SIGNATURE_CERTIFICATE}, authentication certificate otherwise).
   *
   * @return a copy, or null if absent
   */
  public byte @Nullable [] certificate() {
    return get(CERTIFICATE);
  }

  /**
   * Returns the JPKI key's signature over DigestInfo(SHA-256(challenge)).
   *
   * @return a copy, or null if absent
   */
  public byte @Nullable [] certificateSignature() {
    return get(CERTIFICATE_SIGNATURE);
  }

  /**
   * Returns the visual AP's card-verifiable certificate (EF 0004).
   *
   * @return a copy, or null if absent
   */
  public byte @Nullable [] visualCvc() {
    return get(VISUAL_CVC);
  }

  /**
   * Returns the card-face file (visual AP EF 0002).
   *
   * @return a copy, or null if absent
   */
  public byte @Nullable [] cardFace() {
    return get(CARD_FACE);
  }

  /**
   * Returns the age record (visual AP EF 0001).
   *
   * @return a copy, or null if absent
   */
  public byte @Nullable [] ageRecord() {
    return get(AGE_RECORD);
  }

  /**
   * Returns the common AP record (card serial, municipality, expiry; not issuer-signed).
   *
   * @return a copy, or null if absent
   */
  public byte @Nullable [] commonRecord() {
    return get(COMMON_RECORD);
  }

  /**
   * Returns the birth date the OCR read, {@code YYYYMMDD} (Gregorian), for {@link EvidenceKind#AGE_OCR}.
   *
   * @return the date, or null if absent
   */
  public @Nullable String ocrBirthDate() {
    byte[] f = fields[OCR_BIRTH_DATE];
    return f == null ? null : new String(f, java.nio.charset.StandardCharsets.US_ASCII);
  }

  /**
   * Returns the card expiry year the OCR read, for {@link EvidenceKind#AGE_OCR}.
   *
   * @return the year, or null if absent or not 4 digits
   */
  public @Nullable Integer ocrExpiryYear() {
    byte[] f = fields[OCR_EXPIRY_YEAR];
    if (f == null || f.length != 4) {
      return null;
    }
    int y = 0;
    for (byte b : f) {
      if (b < '0' || b > '9') {
        return null;
      }
      y = y * 10 + (b - '0');
    }
    return y;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof Evidence)) {
      return false;
    }
    Evidence e = (Evidence) o;
    return kind == e.kind && Arrays.deepEquals(fields, e.fields);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + Arrays.deepHashCode(fields);
  }

  /** Kind and field names only: the fields hold personal data. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Evidence[").append(kind);
    for (int tag = 1; tag <= MAX_TAG; tag++) {
      if (fields[tag] != null) {
        sb.append(", ").append(NAMES[tag]);
      }
    }
    return sb.append(']').toString();
  }

  /** Collectors fill evidence through this. */
  static final class Builder {
    private final EvidenceKind kind;
    private final byte[] @Nullable [] fields = new byte[MAX_TAG + 1][];

    Builder(EvidenceKind kind) {
      this.kind = kind;
    }

    Builder put(int tag, byte[] value) {
      fields[tag] = value.clone();
      return this;
    }

    Evidence build() {
      return new Evidence(kind, fields.clone());
    }
  }
}
