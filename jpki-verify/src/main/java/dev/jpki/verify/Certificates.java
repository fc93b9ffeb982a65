// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import dev.jpki.verify.internal.DerStructure;
import dev.jpki.verify.internal.Pem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses X.509 certificates from DER or PEM, defensively: input larger than {@link #MAX_CERTIFICATE_BYTES}
 * or with a malformed structure (length claims beyond the data, deep nesting, trailing bytes) is
 * refused before the JDK parser sees it.
 */
public final class Certificates {
  /** Largest certificate accepted (JPKI certificates are about 1.3–2 KB, docs/card-protocol.md §9.5). */
  public static final int MAX_CERTIFICATE_BYTES = 32 * 1024;
  private static final int MAX_PEM_BYTES = 1024 * 1024;

  private Certificates() {}

  /**
   * Parses one certificate.
   *
   * @param derOrPem DER bytes, or PEM text with a {@code CERTIFICATE} block (the first one is used)
   * @return the certificate
   * @throws BadInputException if the bytes are not one well-formed X.509 certificate
   */
  public static X509Certificate parse(byte[] derOrPem) throws BadInputException {
    if (derOrPem.length > MAX_PEM_BYTES) {
      throw new BadInputException("certificate", -1, "input of " + derOrPem.length + " bytes is too large");
    }
    return parseDer(Pem.toDer(derOrPem, "certificate", "CERTIFICATE"));
  }

  /**
   * Parses every certificate of a PEM bundle, or the single certificate of DER input.
   *
   * @param derOrPem DER bytes or PEM text with one or more {@code CERTIFICATE} blocks
   * @return the certificates, in order
   * @throws BadInputException if any block is not a well-formed certificate
   */
  public static List<X509Certificate> parseAll(byte[] derOrPem) throws BadInputException {
    if (derOrPem.length > 16 * MAX_PEM_BYTES) {
      throw new BadInputException("certificates", -1, "input of " + derOrPem.length + " bytes is too large");
    }
    List<X509Certificate> out = new ArrayList<>();
    if (!Pem.isPem(derOrPem)) {
      out.add(parseDer(derOrPem));
      return out;
    }
    for (byte[] der : Pem.decodeAll(derOrPem, "certificate", "CERTIFICATE")) {
      out.add(parseDer(der));
    }
    if (out.isEmpty()) {
      throw new BadInputException("certificates", -1, "PEM without a CERTIFICATE block");
    }
    return out;
  }

  /**
   * Reads every certificate from a DER or PEM file.
   *
   * @param file the file
   * @return the certificates
   * @throws IOException if the file cannot be read
   * @throws BadInputException if its content is not certificates
   */
  public static List<X509Certificate> read(Path file) throws IOException, BadInputException {
    long size = Files.size(file);
    if (size > 16L * MAX_PEM_BYTES) {
      throw new BadInputException("certificate file", -1, "file of " + size + " bytes is too large");
    }
    return parseAll(Files.readAllBytes(file));
  }

  private static X509Certificate parseDer(byte[] der) throws BadInputException {
    if (der.length > MAX_CERTIFICATE_BYTES) {
      throw new BadInputException("certificate", -1, der.length + " bytes is larger than the "
          + MAX_CERTIFICATE_BYTES + "-byte limit");
    }
    DerStructure.check(der, "certificate", DerStructure.DEFAULT_MAX_DEPTH, false);
    if ((der[0] & 0xFF) != 0x30) {
      throw new BadInputException("certificate", 0, "not a SEQUENCE");
    }
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      return (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      throw new BadInputException("certificate", -1, "not a valid X.509 certificate", e);
    }
  }
}
