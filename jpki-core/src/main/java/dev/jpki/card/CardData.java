// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import dev.jpki.internal.BerTlv;
import dev.jpki.apdu.MalformedResponseException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.List;
import java.util.Locale;

/**
 * Strict decoders for the card's private-tag TLV layouts (docs/card-protocol.md §6, §7). Every failure is a {@link
 * MalformedResponseException} naming the file and offset; values are never shown.
 */
final class CardData {
  private CardData() {}

  static String tagHex(int tag) {
    return Integer.toHexString(tag).toUpperCase(Locale.ROOT);
  }

  /** The object at offset 0 of a file, which must carry {@code tag}; filler after it is ignored. */
  static BerTlv outer(byte[] file, int tag, String source) throws MalformedResponseException {
    BerTlv t = BerTlv.parsePrefix(file, source);
    if (t.tag() != tag) {
      throw new MalformedResponseException(source, 0, "expected tag " + tagHex(tag) + ", found " + tagHex(t.tag()));
    }
    return t;
  }

  /**
   * The children of an outer template in the given tag order, the first of which may be required to be
   * an offset table ({@code DF21}: u16 offsets from the start of the file to each following object,
   * docs/card-protocol.md §6.3, §7.2) that must agree with where the objects actually are. Further children after the
   * expected ones are ignored.
   */
  static BerTlv[] children(BerTlv outer, int offsetTableTag, int[] tags, String source)
      throws MalformedResponseException {
    List<BerTlv> kids = outer.children();
    int first = offsetTableTag >= 0 ? 1 : 0;
    if (kids.size() < tags.length + first) {
      int at = kids.isEmpty() ? outer.valueOffset() : kids.get(kids.size() - 1).offset();
      throw new MalformedResponseException(source, at,
          "template " + tagHex(outer.tag()) + " has " + kids.size() + " objects, expected " + (tags.length + first));
    }
    BerTlv[] out = new BerTlv[tags.length];
    for (int i = 0; i < tags.length; i++) {
      BerTlv k = kids.get(i + first);
      if (k.tag() != tags[i]) {
        throw new MalformedResponseException(source, k.offset(),
            "expected tag " + tagHex(tags[i]) + ", found " + tagHex(k.tag()));
      }
      out[i] = k;
    }
    if (offsetTableTag >= 0) {
      BerTlv table = kids.get(0);
      if (table.tag() != offsetTableTag) {
        throw new MalformedResponseException(source, table.offset(),
            "expected offset table " + tagHex(offsetTableTag) + ", found " + tagHex(table.tag()));
      }
      if (table.length() != 2 * tags.length) {
        throw new MalformedResponseException(source, table.offset(),
            "offset table has " + table.length() + " bytes, expected " + (2 * tags.length));
      }
      byte[] offsets = table.value();
      for (int i = 0; i < tags.length; i++) {
        int declared = ((offsets[2 * i] & 0xFF) << 8) | (offsets[2 * i + 1] & 0xFF);
        if (declared != out[i].offset()) {
          throw new MalformedResponseException(source, table.valueOffset() + 2 * i,
              "offset table says " + tagHex(tags[i]) + " is at " + declared + " but it is at " + out[i].offset());
        }
      }
    }
    return out;
  }

  static String utf8(BerTlv t, String source) throws MalformedResponseException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(t.value()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedResponseException(source, t.valueOffset(), "object " + tagHex(t.tag()) + " is not valid UTF-8");
    }
  }

  static String digits(BerTlv t, int length, String source) throws MalformedResponseException {
    byte[] v = t.value();
    if (v.length != length) {
      throw new MalformedResponseException(source, t.offset(),
          "object " + tagHex(t.tag()) + " has " + v.length + " bytes, expected " + length + " digits");
    }
    return digits(v, 0, length, source, t.valueOffset());
  }

  static String digits(byte[] v, int from, int length, String source, int baseOffset)
      throws MalformedResponseException {
    char[] c = new char[length];
    for (int i = 0; i < length; i++) {
      int b = v[from + i] & 0xFF;
      if (b < '0' || b > '9') {
        throw new MalformedResponseException(source, baseOffset + i, "expected an ASCII digit");
      }
      c[i] = (char) b;
    }
    return new String(c);
  }

  static CardDate date(BerTlv t, String source) throws MalformedResponseException {
    String d = digits(t, 8, source);
    try {
      return CardDate.parseCompact(d);
    } catch (IllegalArgumentException e) {
      throw new MalformedResponseException(source, t.valueOffset(), "object " + tagHex(t.tag()) + " is not a real date");
    }
  }

  static Sex sex(BerTlv t, String source) throws MalformedResponseException {
    byte[] v = t.value();
    if (v.length != 1) {
      throw new MalformedResponseException(source, t.offset(), "sex object " + tagHex(t.tag()) + " must be 1 byte");
    }
    try {
      return Sex.fromCode((char) (v[0] & 0xFF));
    } catch (IllegalArgumentException e) {
      throw new MalformedResponseException(source, t.valueOffset(), "unknown sex code");
    }
  }

  /** An RSA public key as the card encodes it: {@code 90} exponent, {@code 91} modulus (docs/card-protocol.md §6.5, §7.2). */
  static RSAPublicKey rsaKey(BerTlv t, String source) throws MalformedResponseException {
    List<BerTlv> parts = t.children();
    if (parts.size() != 2 || parts.get(0).tag() != 0x90 || parts.get(1).tag() != 0x91) {
      throw new MalformedResponseException(source, t.valueOffset(), "public key object " + tagHex(t.tag())
          + " must hold exactly 90 (exponent) and 91 (modulus)");
    }
    BigInteger e = new BigInteger(1, parts.get(0).value());
    BigInteger n = new BigInteger(1, parts.get(1).value());
    if (e.signum() == 0 || n.bitLength() < 512) {
      throw new MalformedResponseException(source, t.valueOffset(), "public key object " + tagHex(t.tag()) + " is not a usable RSA key");
    }
    try {
      return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
    } catch (GeneralSecurityException | ClassCastException ex) {
      throw new MalformedResponseException(source, t.valueOffset(), "public key object " + tagHex(t.tag()) + " is not a usable RSA key", ex);
    }
  }

  /** SHA256withRSA check with a card key; false on any failure (a convenience, not a verdict). */
  static boolean verifySha256Rsa(RSAPublicKey key, byte[] data, byte[] signature) {
    try {
      java.security.Signature s = java.security.Signature.getInstance("SHA256withRSA");
      s.initVerify(key);
      s.update(data);
      return s.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
