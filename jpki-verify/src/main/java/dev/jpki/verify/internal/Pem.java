// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.internal;

import dev.jpki.verify.BadInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Accepts DER or PEM input (certificates, CRLs, CMS) and returns DER blocks. */
public final class Pem {
  private static final byte[] BEGIN = "-----BEGIN ".getBytes(StandardCharsets.US_ASCII);

  private Pem() {}

  /**
   * Whether the input looks like PEM (optional whitespace, then {@code -----BEGIN }).
   *
   * @param in the input
   * @return true for PEM
   */
  public static boolean isPem(byte[] in) {
    int i = 0;
    while (i < in.length && (in[i] == ' ' || in[i] == '\t' || in[i] == '\r' || in[i] == '\n')) {
      i++;
    }
    if (in.length - i < BEGIN.length) {
      return false;
    }
    for (int k = 0; k < BEGIN.length; k++) {
      if (in[i + k] != BEGIN[k]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the DER bytes of the input: the input itself when it is not PEM, else the first PEM block
   * whose label is one of {@code labels}.
   *
   * @param in DER or PEM bytes
   * @param what what the input is, for messages
   * @param labels acceptable PEM labels, e.g. {@code "CERTIFICATE"}
   * @return DER bytes (the input array itself for DER input)
   * @throws BadInputException if PEM is malformed or has no block with an acceptable label
   */
  public static byte[] toDer(byte[] in, String what, String... labels) throws BadInputException {
    if (!isPem(in)) {
      return in;
    }
    List<byte[]> blocks = decodeAll(in, what, labels);
    if (blocks.isEmpty()) {
      throw new BadInputException(what, -1, "PEM without a block labelled " + String.join(" or ", labels));
    }
    return blocks.get(0);
  }

  /**
   * Decodes every PEM block with one of the labels, in order; other blocks are skipped.
   *
   * @param in PEM text
   * @param what what the input is, for messages
   * @param labels acceptable labels
   * @return DER bytes of each matching block
   * @throws BadInputException if a matching block is unterminated or not Base64
   */
  public static List<byte[]> decodeAll(byte[] in, String what, String... labels) throws BadInputException {
    String text = new String(in, StandardCharsets.ISO_8859_1);
    List<byte[]> out = new ArrayList<>();
    int from = 0;
    while (true) {
      int begin = text.indexOf("-----BEGIN ", from);
      if (begin < 0) {
        return out;
      }
      int labelEnd = text.indexOf("-----", begin + 11);
      if (labelEnd < 0) {
        throw new BadInputException(what, begin, "unterminated PEM header");
      }
      String label = text.substring(begin + 11, labelEnd);
      String endMarker = "-----END " + label + "-----";
      int end = text.indexOf(endMarker, labelEnd + 5);
      if (end < 0) {
        throw new BadInputException(what, begin, "PEM block without END line");
      }
      boolean wanted = false;
      for (String l : labels) {
        if (l.equals(label)) {
          wanted = true;
          break;
        }
      }
      if (wanted) {
        String body = text.substring(labelEnd + 5, end);
        if (body.indexOf(':') >= 0) {
          throw new BadInputException(what, begin, "encrypted or annotated PEM is not supported");
        }
        try {
          out.add(Base64.getMimeDecoder().decode(body));
        } catch (IllegalArgumentException e) {
          throw new BadInputException(what, begin, "PEM body is not valid Base64", e);
        }
      }
      from = end + endMarker.length();
    }
  }
}
