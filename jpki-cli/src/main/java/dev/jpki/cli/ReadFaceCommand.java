// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jpki.card.CardFace;
import dev.jpki.card.Pin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jpki read-face --photo-out F}: the card face from the visual AP (券面事項確認AP), opened with
 * 照合番号B ({@code --pin-b-env}, or a prompt): birth date, sex, expiry, and the photo (JPEG 2000) and the
 * name/address images written to files.
 */
@Command(name = "read-face", description = "Card face from the visual AP: photo, name/address images, birth date, sex, expiry.")
final class ReadFaceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--photo-out", required = true, paramLabel = "F", description = "Write the photo (JPEG 2000) here.")
  Path photoOut = Path.of("photo.jp2");

  @Option(names = "--name-image-out", paramLabel = "F", description = "Write the name image (PNG) here.")
  @Nullable Path nameOut;

  @Option(names = "--address-image-out", paramLabel = "F", description = "Write the address image (PNG) here.")
  @Nullable Path addressOut;

  @Override
  public Integer call() throws Exception {
    Main main = Main.root(spec);
    char[] b = Secrets.read(main, main.pinBEnv, "--pin-b-env", "verification code B (14 digits)");
    Pin pin;
    try {
      pin = Pin.verificationCodeB(b);
    } finally {
      Secrets.wipe(b);
    }
    CardFace face;
    try (Pin p = pin) {
      face = CardSupport.withCard(main, card -> card.visual().cardFace(p, CardSupport.verifyOptions(main)));
    }
    try {
      Files.write(photoOut, face.photo());
      if (nameOut != null) {
        Files.write(nameOut, face.nameImage());
      }
      if (addressOut != null) {
        Files.write(addressOut, face.addressImage());
      }
    } catch (IOException e) {
      throw new CliException(ExitCode.USAGE, "cannot write an image: " + e.getMessage(), e);
    }
    ObjectNode doc = Output.object();
    doc.put("birthDate", face.birthDate().toString()).put("sex", CardSupport.sexName(face.sex()))
        .put("expiryDate", face.expiryDate().toString()).put("photo", photoOut.toString())
        .put("photoBytes", face.photo().length);
    main.output().print(doc, "Birth date: " + face.birthDate() + "\nSex:        " + CardSupport.sexName(face.sex())
        + "\nExpiry:     " + face.expiryDate() + "\nPhoto:      " + photoOut + " (" + face.photo().length + " bytes)\n");
    return ExitCode.OK;
  }
}
