// SPDX-License-Identifier: Apache-2.0
package dev.jpki.examples;

import dev.jpki.Jpki;
import dev.jpki.apdu.CardTransport;
import dev.jpki.card.CardFace;
import dev.jpki.card.MyNumberCard;
import dev.jpki.card.Pin;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the card face (券面事項確認AP) with verification code B (照合番号B: birth date, expiry year and
 * security code as printed on the card) and writes the holder's photo to a file. The chip stores the photo as
 * JPEG 2000; Java has no built-in decoder and the Java decoders on Maven Central carry non-OSI licences, so
 * it is written as {@code photo.jp2} (convert with e.g. OpenJPEG's {@code opj_decompress -i photo.jp2 -o
 * photo.png}). Run: {@code JPKI_PIN_B=02051520345678 java ... dev.jpki.examples.ReadCardFace --virtual DIR}
 */
public final class ReadCardFace {
  private ReadCardFace() {}

  /**
   * Writes the photo into {@code dir}.
   *
   * @param transport a connected card; closed afterwards
   * @param codeB verification code B, 14 digits
   * @param dir an existing directory
   * @return the photo file
   * @throws Exception a wrong code (PinException), a card or file failure
   */
  public static Path photo(CardTransport transport, char[] codeB, Path dir) throws Exception {
    try (MyNumberCard card = Jpki.open(transport); Pin b = Pin.verificationCodeB(codeB)) {
      CardFace face = card.visual().cardFace(b);
      return Files.write(dir.resolve("photo.jp2"), face.photo());
    }
  }

  /**
   * Entry point: {@code [--virtual] DIR}; the code from {@code JPKI_PIN_B}.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    ExampleMain.run("ReadCardFace", () -> {
      if (args.length < 1) {
        throw new IllegalArgumentException("usage: ReadCardFace [--virtual] DIR");
      }
      Path file = photo(ExampleMain.card(args), ExampleMain.secret("JPKI_PIN_B"), Path.of(args[args.length - 1]));
      System.out.println("photo (JPEG 2000): " + file);
    });
  }
}
