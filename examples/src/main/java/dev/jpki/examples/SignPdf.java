// SPDX-License-Identifier: Apache-2.0
package dev.jpki.examples;

import dev.jpki.Jpki;
import dev.jpki.apdu.CardTransport;
import dev.jpki.card.MyNumberCard;
import dev.jpki.card.jca.JpkiLoadParameter;
import dev.jpki.card.jca.JpkiProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Calendar;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signs a PDF with the card's signature key (署名用): Apache PDFBox adds an invisible signature as an
 * incremental update; its detached CMS ({@code ETSI.CAdES.detached}, signer certificate inside) is built by
 * BouncyCastle through the SDK's {@code JPKI} JCA provider. {@link VerifyPdf} checks the result; {@code jpki
 * sign --format pades} adds the PAdES B-B signed attributes. Run: {@code JPKI_SIGN_PASSWORD=ABC123 java ...
 * dev.jpki.examples.SignPdf --virtual in.pdf signed.pdf}
 */
public final class SignPdf {
  private SignPdf() {}

  /**
   * Signs {@code in} into {@code out}. The PDF is checked before the password is sent (a bad file costs no
   * try; opening the session sends nothing), and {@code out} is written only once the signature is complete.
   *
   * @param transport a connected card; closed afterwards
   * @param password the signature password
   * @param in an unsigned, unencrypted PDF
   * @param out where the signed PDF goes
   * @throws Exception a bad PDF (IOException, IllegalArgumentException), a wrong password (PinException)
   */
  public static void sign(CardTransport transport, char[] password, Path in, Path out) throws Exception {
    try (MyNumberCard card = Jpki.open(transport); PDDocument pdf = open(in)) {
      if (pdf.isEncrypted() || !pdf.getSignatureDictionaries().isEmpty()) {
        throw new IllegalArgumentException(in + " is encrypted or already signed");
      }
      JpkiProvider provider = new JpkiProvider();
      KeyStore keyStore = KeyStore.getInstance(JpkiProvider.KEY_STORE_TYPE, provider);
      keyStore.load(JpkiLoadParameter.of(card));
      PrivateKey key = (PrivateKey) keyStore.getKey(JpkiProvider.ALIAS_SIGN, password); // VERIFY now
      X509Certificate cert = (X509Certificate) keyStore.getCertificate(JpkiProvider.ALIAS_SIGN);
      PDSignature signature = new PDSignature();
      signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
      signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
      signature.setSignDate(Calendar.getInstance());
      pdf.addSignature(signature, content -> { // every byte of the file except the signature's own
        try {
          CMSSignedDataGenerator cms = new CMSSignedDataGenerator();
          cms.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder()
              .build()).build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(provider).build(key), cert));
          cms.addCertificate(new JcaX509CertificateHolder(cert));
          return cms.generate(new CMSProcessableByteArray(content.readAllBytes()), false)
              .getEncoded(ASN1Encoding.DER);
        } catch (Exception e) {
          throw new IOException("signing failed: " + e.getMessage(), e);
        }
      });
      ByteArrayOutputStream signed = new ByteArrayOutputStream();
      pdf.saveIncremental(signed); // the card signs here
      Files.write(out, signed.toByteArray());
    }
  }

  /** Opens a PDF; a file that is not one is an IOException that names it. */
  static PDDocument open(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    try {
      return Loader.loadPDF(bytes);
    } catch (IOException e) {
      throw new IOException(file + " is not a readable PDF (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Entry point: {@code [--virtual] IN.pdf OUT.pdf}; the password from {@code JPKI_SIGN_PASSWORD}.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    ExampleMain.run("SignPdf", () -> {
      if (args.length < 2) {
        throw new IllegalArgumentException("usage: SignPdf [--virtual] IN.pdf OUT.pdf");
      }
      sign(ExampleMain.card(args), ExampleMain.secret("JPKI_SIGN_PASSWORD"),
          Path.of(args[args.length - 2]), Path.of(args[args.length - 1]));
      System.out.println("signed: " + args[args.length - 1]);
    });
  }
}
