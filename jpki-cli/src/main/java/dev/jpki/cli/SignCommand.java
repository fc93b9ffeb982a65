// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jpki.card.HashAlgorithm;
import dev.jpki.card.KeyType;
import dev.jpki.card.Pin;
import dev.jpki.card.jca.JpkiLoadParameter;
import dev.jpki.card.jca.JpkiProvider;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.bouncycastle.asn1.ASN1Encoding;
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
 * {@code jpki sign --key auth|sign --in F --out F [--format raw|cms|pades] [--detached]}: signs a file with the
 * card. {@code raw}: PKCS#1 v1.5 over the SHA-256 DigestInfo of the file (what COMPUTE DIGITAL SIGNATURE
 * returns). {@code cms}: CMS SignedData with signed attributes and the signer certificate, built by
 * BouncyCastle through the {@code JPKI} JCA provider. {@code pades}: the PDF given as {@code --in} with a
 * PAdES B-B signature by the signature key, written as a new PDF (see {@link PdfSignatures}).
 *
 * <p>The output file is written completely or not at all.
 */
@Command(name = "sign", description = "Sign a file with the auth key (PIN) or the signature key (password); "
    + "--format pades signs a PDF.")
final class SignCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--key", paramLabel = "auth|sign",
      description = "Which key signs (required, except for --format pades, which signs with the signature key).")
  @Nullable String key;

  @Option(names = "--in", required = true, paramLabel = "F", description = "The file to sign.")
  Path in = Path.of("in");

  @Option(names = "--out", required = true, paramLabel = "F", description = "Where to write the signature "
      + "(for pades: the signed PDF).")
  Path out = Path.of("out");

  @Option(names = "--format", defaultValue = "raw", paramLabel = "raw|cms|pades",
      description = "raw (default), cms, or pades (sign a PDF).")
  String format = "raw";

  @Option(names = "--detached", description = "CMS without the content inside.")
  boolean detached;

  @Override
  public Integer call() throws Exception {
    Main main = Main.root(spec);
    if (!"raw".equals(format) && !"cms".equals(format) && !"pades".equals(format)) {
      throw new CliException(ExitCode.USAGE, "--format must be raw, cms or pades, was " + format);
    }
    boolean pades = "pades".equals(format);
    String keyName = key != null ? key : pades ? "sign" : null;
    if (keyName == null) {
      throw new CliException(ExitCode.USAGE, "--key auth|sign is required (which key signs)");
    }
    KeyType keyType;
    if ("auth".equals(keyName)) {
      keyType = KeyType.AUTHENTICATION;
    } else if ("sign".equals(keyName)) {
      keyType = KeyType.SIGNATURE;
    } else {
      throw new CliException(ExitCode.USAGE, "--key must be auth or sign, was " + keyName);
    }
    if (pades && keyType != KeyType.SIGNATURE) {
      // FAQ Q3-1 (docs/faq-flows.md): the authentication key proves who logs in, it does not sign documents
      throw new CliException(ExitCode.USAGE, "--format pades signs with the signature key (--key sign): a PDF "
          + "signed with the authentication key is not a document signature");
    }
    if (detached && !"cms".equals(format)) {
      throw new CliException(ExitCode.USAGE, "--detached applies to --format cms only");
    }
    byte[] data = InputFiles.read(in, "--in");
    // Checked before the password is asked for and before the card is opened: a PDF that cannot be signed
    // costs nothing.
    PdfSignatures.Prepared pdf = pades ? PdfSignatures.prepare(data, in, "--in", PdfSignatures.now()) : null;
    try {
      char[] secret = keyType == KeyType.AUTHENTICATION
          ? Secrets.read(main, main.pinEnv, "--pin-env", "user-authentication PIN (4 digits)")
          : Secrets.read(main, main.passwordEnv, "--password-env", "signature password (6-16 A-Z/0-9)");
      byte[] signature;
      try {
        // Format checked before the card is opened: a malformed PIN never costs a try.
        Pin.of(keyType.pinType(), secret).close();
        if (pdf != null) {
          signature = pdf.finish(signCms(main, keyType, secret, pdf.content(), true, true));
        } else if ("raw".equals(format)) {
          signature = signRaw(main, keyType, secret, data);
        } else {
          signature = signCms(main, keyType, secret, data, detached, false);
        }
      } finally {
        Secrets.wipe(secret);
      }
      OutputFiles.writeAtomically(out, signature, "--out");
      ObjectNode doc = Output.object().put("key", keyName).put("format", format).put("detached", detached)
          .put("out", out.toString()).put("bytes", signature.length);
      main.output().print(doc, "Signed " + in + " with the " + keyName + " key: " + out + " (" + format + ", "
          + signature.length + " bytes)");
      return ExitCode.OK;
    } finally {
      if (pdf != null) {
        pdf.close();
      }
    }
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

  /**
   * A CMS SignedData through the {@code JPKI} JCA provider. For PAdES ({@code pades}) the signed
   * attributes are those of {@link PdfSignatures#padesSignedAttributes}; otherwise BouncyCastle's defaults
   * (with a signing time).
   */
  private static byte[] signCms(Main main, KeyType keyType, char[] secret, byte[] data, boolean detached,
      boolean pades) throws Exception {
    JpkiProvider provider = new JpkiProvider();
    String alias = keyType == KeyType.AUTHENTICATION ? JpkiProvider.ALIAS_AUTH : JpkiProvider.ALIAS_SIGN;
    return CardSupport.withCard(main, card -> {
      try {
        KeyStore ks = KeyStore.getInstance(JpkiProvider.KEY_STORE_TYPE, provider);
        ks.load(JpkiLoadParameter.builder(card).allowLastTry(main.allowLastTry).build());
        PrivateKey privateKey = (PrivateKey) ks.getKey(alias, secret);
        // after getKey: the signature certificate can be read only once the password is verified
        X509Certificate cert = (X509Certificate) ks.getCertificate(alias);
        if (privateKey == null || cert == null) {
          throw new CliException(ExitCode.CARD, "this card has no " + (keyType == KeyType.SIGNATURE
              ? "signature certificate (cards of holders under 15 and some tokens carry none)" : "authentication "
              + "certificate"));
        }
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").setProvider(provider).build(privateKey);
        JcaSignerInfoGeneratorBuilder info = new JcaSignerInfoGeneratorBuilder(
            new JcaDigestCalculatorProviderBuilder().build());
        if (pades) {
          info.setSignedAttributeGenerator(PdfSignatures.padesSignedAttributes(cert));
        }
        CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
        gen.addSignerInfoGenerator(info.build(signer, cert));
        gen.addCertificate(new JcaX509CertificateHolder(cert));
        CMSSignedData signed = gen.generate(new CMSProcessableByteArray(data), !detached);
        // DER for PAdES (ETSI EN 319 142-1 asks for it in the PDF); BouncyCastle's default is BER
        return pades ? signed.getEncoded(ASN1Encoding.DER) : signed.getEncoded();
      } catch (CliException e) {
        throw e;
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
