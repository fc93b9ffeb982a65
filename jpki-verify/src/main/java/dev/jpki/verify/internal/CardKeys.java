// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.internal;

import dev.jpki.verify.BadInputException;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;

/**
 * Reads the card's bare RSA key encoding {@code 90 <exponent> 91 <modulus>} (docs/card-protocol.md §6.5,
 * §7.2): the CVC's certified key, the age record's and the text AP's card keys.
 */
public final class CardKeys {
  private CardKeys() {}

  /**
   * Parses one key.
   *
   * @param b the bytes
   * @param start first byte of the {@code 90} object
   * @param end end of the key (exclusive): nothing may follow the modulus
   * @param field what the key is, for the error
   * @return the key
   * @throws BadInputException if the encoding is malformed or the key is not a usable RSA key
   */
  public static RSAPublicKey parseRsa(byte[] b, int start, int end, String field) throws BadInputException {
    DerCursor c = new DerCursor(b, start, field);
    c.expect(0x90, end, "exponent");
    BigInteger e = new BigInteger(1, Arrays.copyOfRange(b, c.valueStart(), c.valueEnd()));
    c.skip();
    c.expect(0x91, end, "modulus");
    BigInteger n = new BigInteger(1, Arrays.copyOfRange(b, c.valueStart(), c.valueEnd()));
    c.skip();
    if (c.pos() != end) {
      throw c.bad("key", c.pos(), "unexpected bytes after the modulus");
    }
    if (n.bitLength() < 1024 || e.signum() <= 0 || !e.testBit(0)) {
      throw c.bad("key", start, "not a usable RSA public key");
    }
    try {
      return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
    } catch (Exception ex) {
      throw new BadInputException(field, start, "not a usable RSA public key", ex);
    }
  }
}
