package dev.jpki.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jpki.card.HashAlgorithm;
import dev.jpki.card.KeyType;
import dev.jpki.card.Pin;
import dev.jpki.card.jca.JpkiLoadParameter;
import dev.jpki.card.jca.JpkiProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jpki sign --key auth|sign --in F --out F [--format raw|cms] [--detached]}: signs a file with the
 * card. {@code raw}: PKCS#1 v1.5 over the SHA-256 DigestInfo of the file (what COMPUTE DIGITAL SIGNATURE
 * returns). {@code cms}: CMS SignedData with signed attributes and the signer certificate, built by
 * BouncyCastle through the {@code JPKI} JCA provider.
 */
@Command(name = "sign", description = "Sign a file with the auth key (PIN) or the signature key (password).")
final class SignCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--key", required = true, paramLabel = "auth|sign", description = "Which key signs.")
  String key = "auth";

  @Option(names = "--in", required = true, paramLabel = "F", description = "The file to sign.")
  Path in = Path.of("in");

  @Option(names = "--out", required = true, paramLabel = "F", description = "Where to write the signature.")
  Path out = Path.of("out");

  @Option(names = "--format", defaultValue = "raw", paramLabel = "raw|cms", description = "raw (default) or cms.")
  String format = "raw";

  @Option(names = "--detached", description = "CMS without the content inside.")
  boolean detached;

  @Override
  public Integer call() throws Exception {
    Main main = Main.root(spec);
    KeyType keyType;
    if ("auth".equals(key)) {
      keyType = KeyType.AUTHENTICATION;
    } else if ("sign".equals(key)) {
      keyType = KeyType.SIGNATURE;
    } else {
      throw new CliException(ExitCode.USAGE, "--key must be auth or sign, was " + key);
    }
    if (!"raw".equals(format) && !"cms".equals(format)) {
      throw new CliException(ExitCode.USAGE, "--format must be raw or cms, was " + format);
    }
    if (detached && !"cms".equals(format)) {
      throw new CliException(ExitCode.USAGE, "--detached applies to --format cms only");
    }
    byte[] data = InputFiles.read(in, "--in");
    char[] secret = keyType == KeyType.AUTHENTICATION
        ? Secrets.read(main, main.pinEnv, "--pin-env", "user-authentication PIN (4 digits)")
        : Secrets.read(main, main.passwordEnv, "--password-env", "signature password (6-16 A-Z/0-9)");
    byte[] signature;
    try {
      // Format checked before the card is opened: a malformed PIN never costs a try.
      Pin.of(keyType.pinType(), secret).close();
      signature = "raw".equals(format) ? signRaw(main, keyType, secret, data) : signCms(main, keyType, secret, data);
    } finally {
      Secrets.wipe(secret);
    }
    try {
      Files.write(out, signature);
    } catch (IOException e) {
      throw new CliException(ExitCode.USAGE, "cannot write --out " + out + ": " + InputFiles.describe(out, e), e);
    }
    ObjectNode doc = Output.object().put("key", key).put("format", format).put("detached", detached)
        .put("out", out.toString()).put("bytes", signature.length);
    main.output().print(doc, "Signed " + in + " with the " + key + " key: " + out + " (" + format + ", "
        + signature.length + " bytes)");
    return ExitCode.OK;
  }

  private static byte[] signRaw(Main main, KeyType keyType, char[] secret, byte[] data) throws Exception {
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(data);
    try (Pin pin = Pin.of(keyType.pinType(), secret)) {
      return CardSupport.withCard(main, card -> {
        card.jpki().verify(pin, CardSupport.verifyOptions(main));
        return card.jpki().signHash(keyType, HashAlgorithm.SHA256, hash);
      });
    }
  }

  private byte[] signCms(Main main, KeyType keyType, char[] secret, byte[] data) throws Exception {
    JpkiProvider provider = new JpkiProvider();
    String alias = keyType == KeyType.AUTHENTICATION ? JpkiProvider.ALIAS_AUTH : JpkiProvider.ALIAS_SIGN;
    return CardSupport.withCard(main, card -> {
      try {
        KeyStore ks = KeyStore.getInstance(JpkiProvider.KEY_STORE_TYPE, provider);
        ks.load(JpkiLoadParameter.builder(card).allowLastTry(main.allowLastTry).build());
        PrivateKey privateKey = (PrivateKey) ks.getKey(alias, secret);
        X509Certificate cert = (X509Certificate) ks.getCertificate(alias);
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").setProvider(provider).build(privateKey);
        CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
        gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
            new JcaDigestCalculatorProviderBuilder().build()).build(signer, cert));
        gen.addCertificate(new JcaX509CertificateHolder(cert));
        CMSSignedData signed = gen.generate(new CMSProcessableByteArray(data), !detached);
        return signed.getEncoded();
      } catch (Exception e) {
        Throwable c = e;
        while (c.getCause() != null) {
          c = c.getCause();
          if (c instanceof dev.jpki.JpkiException) {
            throw (dev.jpki.JpkiException) c;
          }
        }
        throw new CliException(ExitCode.CARD, "CMS signing failed: " + e.getMessage(), e);
      }
    });
  }
}
