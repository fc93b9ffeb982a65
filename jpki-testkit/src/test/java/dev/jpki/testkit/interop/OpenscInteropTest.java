// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.card.Application;
import dev.jpki.testkit.card.VirtualMyNumberCard;
import dev.jpki.testkit.vpcd.VpcdBridge;
import dev.jpki.testkit.vpcd.VpcdSlot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import javax.smartcardio.TerminalFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Issue #3's "Done when", proved with PC/SC software that is not ours: the OpenSC tools Linux users
 * install ({@code opensc-tool}, {@code pkcs15-tool}, {@code pkcs11-tool} with {@code
 * opensc-pkcs11.so}, whose JPKI driver sends what docs/card-protocol.md §15 lists) and plain {@code javax.smartcardio}
 * (not our transport) talk to the default persona's virtual card through pcscd + vpcd as to a real
 * card: both certificates are listed, the auth certificate is read without a PIN, the auth key signs
 * after PIN 1234 and the signature verifies with that certificate; the signature key needs ABC123.
 *
 * <p>The card sits in slot 1 ({@value #READER}, port 35964) so the slot-0 tests of other classes
 * are not disturbed. The class is skipped when pcscd/vpcd or the OpenSC tools are absent, unless
 * {@code JPKI_REQUIRE_PCSC=true}, which turns their absence into a failure (CI).
 */
@ResourceLock("pcsc-slot-1")
@Timeout(60)
class OpenscInteropTest {
  static final String READER = VpcdSlot.readerName(1);
  /** The other vpcd slot: OpenSC must not touch it (see {@link #writeOpenscConf}). */
  static final String OTHER_READER = VpcdSlot.readerName(0);

  /** The default persona's credentials as issue #3 states them (Personas: 1234 / ABC123). */
  static final String AUTH_PIN = "1234";
  static final String SIGN_PASSWORD = "ABC123";

  /** OpenSC's JPKI emulation: one PKCS#11 token per PIN, object IDs 01 (auth) and 02 (sign). */
  static final String AUTH_TOKEN = "JPKI (User Authentication PIN)";
  static final String SIGN_TOKEN = "JPKI (Digital Signature PIN)";
  static final String AUTH_ID = "01";
  static final String SIGN_ID = "02";

  static final int EF_AUTH_PIN = 0x0018; // docs/card-protocol.md §5.1
  static final int EF_SIGN_PASSWORD = 0x001B;

  static final List<String> TOOLS = List.of("opensc-tool", "pkcs15-tool", "pkcs11-tool");
  static final List<String> PKCS11_MODULES = List.of(
      "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so",
      "/usr/lib/aarch64-linux-gnu/opensc-pkcs11.so",
      "/usr/lib64/opensc-pkcs11.so",
      "/usr/lib/opensc-pkcs11.so",
      "/usr/local/lib/opensc-pkcs11.so");
  static final long TOOL_TIMEOUT_SECONDS = 30;

  static final byte[] MESSAGE = "issue #3: signed by a tool that is not ours".getBytes(
      StandardCharsets.UTF_8);
  static final String SHA256_DIGEST_INFO_PREFIX = "3031300D060960864801650304020105000420";
  static final String JPKI_AID = "D392F000260100000001"; // docs/card-protocol.md §2

  @TempDir static Path work;

  static Persona persona;
  static VirtualMyNumberCard card;
  static VpcdBridge bridge;
  static CardTerminal terminal;
  static String pkcs11Module;
  static Path openscConf;

  /** Why every test of this class is skipped on this machine, or null when the prerequisites are there. */
  static String skipReason;

  @BeforeEach
  void skipWithoutPrerequisites() {
    if (skipReason != null) {
      Assumptions.abort(skipReason);
    }
  }

  @BeforeAll
  static void requireOpenscAndPcscdThenInsertCard() throws Exception {
    boolean required = "true".equalsIgnoreCase(System.getenv("JPKI_REQUIRE_PCSC"));
    List<String> missing = new ArrayList<>();
    for (String tool : TOOLS) {
      if (!onPath(tool)) {
        missing.add(tool + " not on PATH (apt-get install opensc)");
      }
    }
    String module = null;
    for (String m : PKCS11_MODULES) {
      if (Files.isReadable(Path.of(m))) {
        module = m;
        break;
      }
    }
    if (module == null) {
      missing.add("opensc-pkcs11.so not found in " + PKCS11_MODULES);
    }
    VpcdSlot.Found slot = VpcdSlot.find(1); // with JPKI_REQUIRE_PCSC=true a missing reader fails here
    CardTerminal found = slot.terminal();
    if (found == null) {
      missing.add(slot.unavailable());
    } else {
      try {
        if (found.isCardPresent()) {
          // A second vpcd client on a port waits silently (docs/testing.md §1.3): our card would
          // never be inserted and the tools would talk to someone else's card.
          missing.add("a card is already in '" + READER + "' (another virtual card on port "
              + VpcdBridge.SLOT_1_PORT + ", e.g. ./jpki virtual-card --vpcd 35964?)");
        }
      } catch (Exception e) {
        missing.add("PC/SC not available: " + e);
      }
    }
    if (!missing.isEmpty()) {
      if (required) {
        throw new AssertionError("JPKI_REQUIRE_PCSC=true but " + String.join("; ", missing));
      }
      // Not an abort here: a class aborted in @BeforeAll vanishes from Surefire's counts. Each test is
      // skipped with the reason instead (skipWithoutPrerequisites).
      skipReason = "OpenSC interop needs: " + String.join("; ", missing);
      System.out.println("[skipped] OpenscInteropTest: every test, " + skipReason);
      return;
    }
    pkcs11Module = module;
    terminal = found;
    openscConf = writeOpenscConf();

    persona = Personas.get(Personas.DEFAULT);
    card = persona.newCard();
    bridge = VpcdSlot.insert(terminal, 1, card);
  }

  /**
   * An OpenSC configuration that ignores slot 0. OpenSC's PKCS#11 module probes the card in every
   * reader it sees (docs/card-protocol.md §15: ~30 APDUs per connect); on slot 0 that would interleave with the
   * APDUs of other test classes using their own virtual card there.
   */
  static Path writeOpenscConf() throws Exception {
    Path conf = work.resolve("opensc.conf");
    Files.writeString(conf, "app default {\n  ignored_readers = \"" + OTHER_READER + "\";\n}\n");
    return conf;
  }

  @AfterAll
  static void removeCard() throws Exception {
    if (bridge != null) {
      VpcdSlot.remove(bridge, terminal);
    }
  }

  // ------------------------------------------------------------------------------ OpenSC

  @Test
  void openscTool_cardName_isBoundByOpenscJpkiDriver() throws Exception {
    // The ATR and the AP make OpenSC pick its own JPKI driver, as for a real card.
    ToolResult r = run("opensc-tool", "-r", READER, "--name");

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.output().trim()).as(r.describe()).isEqualTo("jpki");
  }

  @Test
  void pkcs15ToolListCertificates_noPin_listsAuthAndSignCertificates() throws Exception {
    int authTries = tries(EF_AUTH_PIN);
    int signTries = tries(EF_SIGN_PASSWORD);

    ToolResult r = run("pkcs15-tool", "-r", READER, "--list-certificates");

    assertThat(r.exitCode()).as(r.describe()).isZero();
    Map<String, String> certs = blocks(r.output(), "X.509 Certificate");
    assertThat(certs).as(r.describe())
        .containsKeys("User Authentication Certificate", "Digital Signature Certificate");
    String auth = certs.get("User Authentication Certificate");
    assertThat(field(auth, "ID")).isEqualTo(AUTH_ID);
    assertThat(field(auth, "Path")).isEqualTo("000a"); // docs/card-protocol.md §5.1
    assertThat(field(auth, "Object Flags")).doesNotContain("private");
    assertThat(field(auth, "Encoded serial").replace(" ", ""))
        .endsWith(persona.authCertificate().getSerialNumber().toString(16).toUpperCase(Locale.ROOT));
    String sign = certs.get("Digital Signature Certificate");
    assertThat(field(sign, "ID")).isEqualTo(SIGN_ID);
    assertThat(field(sign, "Path")).isEqualTo("0001");
    assertThat(field(sign, "Object Flags")).contains("private");
    // docs/card-protocol.md §15: the middleware's empty VERIFYs (PIN status on bind) must not cost tries.
    assertThat(tries(EF_AUTH_PIN)).isEqualTo(authTries);
    assertThat(tries(EF_SIGN_PASSWORD)).isEqualTo(signTries);
  }

  @Test
  void pkcs15ToolReadCertificate_authWithoutPin_equalsPersonaAuthCertificate() throws Exception {
    Path pem = work.resolve("auth-pkcs15.pem");

    ToolResult r = run("pkcs15-tool", "-r", READER, "--read-certificate", AUTH_ID,
        "-o", pem.toString());

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(parseCertificate(Files.readAllBytes(pem)).getEncoded())
        .isEqualTo(persona.authCertificate().getEncoded());
  }

  @Test
  void pkcs11ToolReadObject_authCertWithoutLogin_equalsPersonaAuthCertificate() throws Exception {
    Path der = work.resolve("auth-pkcs11.der");

    ToolResult r = pkcs11("--slot", slot(AUTH_TOKEN), "--read-object", "--type", "cert",
        "--id", AUTH_ID, "-o", der.toString());

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(Files.readAllBytes(der)).isEqualTo(persona.authCertificate().getEncoded());
  }

  @Test
  void pkcs15ToolReadCertificate_signWithoutPassword_refusedByCard() throws Exception {
    Path pem = work.resolve("sign-nopassword.pem");
    int signTries = tries(EF_SIGN_PASSWORD);

    ToolResult r = run("pkcs15-tool", "-r", READER, "--read-certificate", SIGN_ID,
        "-o", pem.toString());

    // docs/card-protocol.md §5.1/§15: EF 0001 answers 6982 without the password; OpenSC reports a failure.
    assertThat(r.exitCode()).as(r.describe()).isNotZero();
    assertThat(r.output()).as(r.describe()).contains("Certificate read failed");
    assertThat(pem).satisfiesAnyOf(
        p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyFile());
    assertThat(tries(EF_SIGN_PASSWORD)).isEqualTo(signTries);
  }

  @Test
  void pkcs11ToolSign_authKeyAfterPin1234_signatureVerifiesWithAuthCertificate()
      throws Exception {
    Path data = Files.write(work.resolve("auth-data"), MESSAGE);
    Path sig = work.resolve("auth.sig");
    long rsaBefore = card.rsaOperationCount();

    ToolResult r = pkcs11("--slot", slot(AUTH_TOKEN), "--login", "--pin", AUTH_PIN,
        "--sign", "-m", "SHA256-RSA-PKCS", "--id", AUTH_ID,
        "-i", data.toString(), "-o", sig.toString());

    assertThat(r.exitCode()).as(r.describe()).isZero();
    byte[] signature = Files.readAllBytes(sig);
    assertThat(signature).hasSize(256);
    assertThat(verifies(persona.authCertificate(), MESSAGE, signature))
        .as("SHA256withRSA signature verifies with the auth certificate").isTrue();
    assertThat(card.rsaOperationCount()).as("signed by the virtual card")
        .isEqualTo(rsaBefore + 1);
    assertThat(tries(EF_AUTH_PIN)).isEqualTo(3); // a correct PIN resets the counter (docs/card-protocol.md §4.1)
  }

  @Test
  void pkcs11ToolSign_signKeyAfterPasswordAbc123_readsCertificateAndSignatureVerifies()
      throws Exception {
    X509Certificate signCert = persona.signCertificate().orElseThrow();
    Path der = work.resolve("sign-pkcs11.der");
    Path data = Files.write(work.resolve("sign-data"), MESSAGE);
    Path sig = work.resolve("sign.sig");
    String slot = slot(SIGN_TOKEN);

    ToolResult read = pkcs11("--slot", slot, "--login", "--pin", SIGN_PASSWORD,
        "--read-object", "--type", "cert", "--id", SIGN_ID, "-o", der.toString());
    ToolResult signed = pkcs11("--slot", slot, "--login", "--pin", SIGN_PASSWORD,
        "--sign", "-m", "SHA256-RSA-PKCS", "--id", SIGN_ID,
        "-i", data.toString(), "-o", sig.toString());

    assertThat(read.exitCode()).as(read.describe()).isZero();
    assertThat(Files.readAllBytes(der)).isEqualTo(signCert.getEncoded());
    assertThat(signed.exitCode()).as(signed.describe()).isZero();
    assertThat(verifies(signCert, MESSAGE, Files.readAllBytes(sig)))
        .as("SHA256withRSA signature verifies with the sign certificate").isTrue();
    assertThat(tries(EF_SIGN_PASSWORD)).isEqualTo(5);
  }

  @Test
  void pkcs11ToolSign_signKeyWithLowerCasePassword_refusedAndCostsOneTry() throws Exception {
    Path data = Files.write(work.resolve("lower-data"), MESSAGE);
    Path sig = work.resolve("lower.sig");
    int before = tries(EF_SIGN_PASSWORD);
    long rsaBefore = card.rsaOperationCount();

    // docs/card-protocol.md §15: the middleware sends the password as typed, so the card sees a wrong one.
    ToolResult r = pkcs11("--slot", slot(SIGN_TOKEN), "--login",
        "--pin", SIGN_PASSWORD.toLowerCase(Locale.ROOT),
        "--sign", "-m", "SHA256-RSA-PKCS", "--id", SIGN_ID,
        "-i", data.toString(), "-o", sig.toString());

    assertThat(r.exitCode()).as(r.describe()).isNotZero();
    assertThat(r.output()).as(r.describe()).contains("CKR_PIN_INCORRECT");
    assertThat(sig).satisfiesAnyOf(
        p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyFile());
    assertThat(card.rsaOperationCount()).as("no signature computed").isEqualTo(rsaBefore);
    assertThat(tries(EF_SIGN_PASSWORD)).isEqualTo(before - 1);
  }

  // ---------------------------------------------------------------- plain javax.smartcardio

  @Test
  void smartcardio_listReadVerifySign_signatureVerifiesWithAuthCertificate() throws Exception {
    List<String> withCard = new ArrayList<>();
    for (CardTerminal t : TerminalFactory.getInstance("PC/SC", null).terminals()
        .list(CardTerminals.State.CARD_PRESENT)) {
      withCard.add(t.getName());
    }
    assertThat(withCard).contains(READER);

    Card c = terminal.connect("*");
    try {
      CardChannel ch = c.getBasicChannel();
      assertThat(HexFormat.of().withUpperCase().formatHex(c.getATR().getBytes()))
          .isEqualTo("3BE000FF8131FE4514"); // docs/card-protocol.md §1
      assertThat(sw(ch, "00A4040C0A" + JPKI_AID)).isEqualTo(0x9000);
      // List: both certificate EFs exist; the auth one is public, the sign one needs the password.
      assertThat(sw(ch, "00A4020C02000A")).isEqualTo(0x9000);
      assertThat(ch.transmit(apdu("00B0000004")).getSW()).isEqualTo(0x9000);
      assertThat(sw(ch, "00A4020C020001")).isEqualTo(0x9000);
      assertThat(ch.transmit(apdu("00B0000004")).getSW()).isEqualTo(0x6982);
      // Read the auth certificate as the middleware does (docs/card-protocol.md §15): header, then 256-byte chunks.
      assertThat(sw(ch, "00A4020C02000A")).isEqualTo(0x9000);
      byte[] cert = readDerFile(ch);
      assertThat(cert).isEqualTo(persona.authCertificate().getEncoded());
      // VERIFY 1234 (the empty VERIFY first reports the tries, docs/card-protocol.md §4.2).
      assertThat(sw(ch, "00A4020C020018")).isEqualTo(0x9000);
      assertThat(sw(ch, "00200080")).isEqualTo(0x63C3);
      assertThat(sw(ch, "0020008004" + hex(AUTH_PIN.getBytes(StandardCharsets.US_ASCII))))
          .isEqualTo(0x9000);
      // COMPUTE DIGITAL SIGNATURE over a SHA-256 DigestInfo; the card pads (docs/card-protocol.md §5.3).
      assertThat(sw(ch, "00A4020C020017")).isEqualTo(0x9000);
      String digestInfo = SHA256_DIGEST_INFO_PREFIX
          + hex(MessageDigest.getInstance("SHA-256").digest(MESSAGE));
      ResponseAPDU r = ch.transmit(apdu("802A008033" + digestInfo + "00"));
      assertThat(r.getSW()).isEqualTo(0x9000);
      assertThat(r.getData()).hasSize(256);
      assertThat(verifies(parseCertificate(cert), MESSAGE, r.getData())).isTrue();
    } finally {
      c.disconnect(true);
    }
  }

  @Test
  void smartcardio_signKeyWithOnlyAuthPinVerified_refused6982() throws Exception {
    long rsaBefore = card.rsaOperationCount();
    Card c = terminal.connect("*");
    try {
      CardChannel ch = c.getBasicChannel();
      assertThat(sw(ch, "00A4040C0A" + JPKI_AID)).isEqualTo(0x9000);
      assertThat(sw(ch, "00A4020C020018")).isEqualTo(0x9000);
      assertThat(sw(ch, "0020008004" + hex(AUTH_PIN.getBytes(StandardCharsets.US_ASCII))))
          .isEqualTo(0x9000);
      assertThat(sw(ch, "00A4020C02001A")).isEqualTo(0x9000);
      String digestInfo = SHA256_DIGEST_INFO_PREFIX
          + hex(MessageDigest.getInstance("SHA-256").digest(MESSAGE));

      ResponseAPDU r = ch.transmit(apdu("802A008033" + digestInfo + "00"));

      assertThat(r.getSW()).isEqualTo(0x6982); // docs/card-protocol.md §12.6: the sign key needs 001B
      assertThat(r.getData()).isEmpty();
      assertThat(card.rsaOperationCount()).isEqualTo(rsaBefore);
    } finally {
      c.disconnect(true);
    }
  }

  // ------------------------------------------------------------------------------ helpers

  record ToolResult(List<String> command, int exitCode, String output) {
    /** The command (any PIN masked) and its output, for assertion messages. */
    String describe() {
      List<String> shown = new ArrayList<>(command);
      for (int i = 0; i + 1 < shown.size(); i++) {
        if (shown.get(i).equals("--pin")) {
          shown.set(i + 1, "<pin>");
        }
      }
      return String.join(" ", shown) + " -> exit " + exitCode + ", output:\n" + output;
    }
  }

  static ToolResult pkcs11(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("pkcs11-tool", "--module", pkcs11Module));
    cmd.addAll(Arrays.asList(args));
    return run(cmd.toArray(new String[0]));
  }

  /** Runs a tool with our OpenSC configuration, no stdin, stdout+stderr captured, a time limit. */
  static ToolResult run(String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("OPENSC_CONF", openscConf.toString());
    pb.environment().remove("OPENSC_DEBUG");
    Path out = Files.createTempFile(work, "tool", ".out");
    pb.redirectOutput(out.toFile());
    Process p = pb.start();
    p.getOutputStream().close(); // no stdin: a tool that wants to prompt for a PIN fails instead
    if (!p.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      throw new AssertionError(new ToolResult(List.of(command), -1,
          Files.readString(out, StandardCharsets.UTF_8)).describe()
          + "\n(timed out after " + TOOL_TIMEOUT_SECONDS + " s)");
    }
    return new ToolResult(List.of(command), p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8));
  }

  static final Pattern SLOT = Pattern.compile(
      "^Slot \\d+ \\((0x[0-9a-fA-F]+)\\): (.+?)\\s*$\\R\\s+token label\\s+: (.+?)\\s*$",
      Pattern.MULTILINE);

  /** The PKCS#11 slot ID of the token with this label in our reader, from {@code -L}. */
  static String slot(String tokenLabel) throws Exception {
    ToolResult r = pkcs11("--list-slots");
    assertThat(r.exitCode()).as(r.describe()).isZero();
    Matcher m = SLOT.matcher(r.output());
    while (m.find()) {
      if (m.group(2).equals(READER) && m.group(3).equals(tokenLabel)) {
        return m.group(1);
      }
    }
    throw new AssertionError("no token '" + tokenLabel + "' in " + READER + ": " + r.describe());
  }

  /** pkcs15-tool's listing as label → block, for blocks headed {@code kind [label]}. */
  static Map<String, String> blocks(String output, String kind) {
    Map<String, String> result = new LinkedHashMap<>();
    Matcher m = Pattern.compile("^" + Pattern.quote(kind) + " \\[(.+)]\\s*$", Pattern.MULTILINE)
        .matcher(output);
    List<int[]> starts = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    while (m.find()) {
      starts.add(new int[] {m.start(), m.end()});
      labels.add(m.group(1));
    }
    for (int i = 0; i < starts.size(); i++) {
      int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : output.length();
      result.put(labels.get(i), output.substring(starts.get(i)[1], end));
    }
    return result;
  }

  /** A {@code Name : value} line of a pkcs15-tool block ("" if absent). */
  static String field(String block, String name) {
    Matcher m = Pattern.compile("^\\s*" + Pattern.quote(name) + "\\s*: (.*?)\\s*$",
        Pattern.MULTILINE).matcher(block);
    return m.find() ? m.group(1) : "";
  }

  static int tries(int fid) {
    return card.triesLeft(Application.JPKI, fid).orElseThrow();
  }

  static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  static X509Certificate parseCertificate(byte[] pemOrDer) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pemOrDer));
  }

  static boolean verifies(X509Certificate cert, byte[] message, byte[] signature)
      throws Exception {
    Signature v = Signature.getInstance("SHA256withRSA");
    v.initVerify(cert.getPublicKey());
    v.update(message);
    return v.verify(signature);
  }

  /** READ BINARY of the current EF the way docs/card-protocol.md §15 describes: 4-byte header, then 256-byte chunks. */
  static byte[] readDerFile(CardChannel ch) throws Exception {
    ResponseAPDU head = ch.transmit(apdu("00B0000004"));
    assertThat(head.getSW()).isEqualTo(0x9000);
    byte[] h = head.getData();
    assertThat(h).hasSize(4);
    assertThat(h[0] & 0xFF).as("SEQUENCE").isEqualTo(0x30);
    assertThat(h[1] & 0xFF).as("two length bytes").isEqualTo(0x82);
    int total = 4 + (((h[2] & 0xFF) << 8) | (h[3] & 0xFF));
    ByteArrayOutputStream out = new ByteArrayOutputStream(total);
    while (out.size() < total) {
      int offset = out.size();
      int le = Math.min(256, total - offset);
      ResponseAPDU r = ch.transmit(new CommandAPDU(0x00, 0xB0, offset >>> 8, offset & 0xFF, le));
      assertThat(r.getSW()).as("READ BINARY at %d", offset).isEqualTo(0x9000);
      assertThat(r.getData()).as("READ BINARY at %d", offset).isNotEmpty();
      out.write(r.getData());
    }
    return Arrays.copyOf(out.toByteArray(), total);
  }

  static int sw(CardChannel ch, String hexApdu) throws Exception {
    return ch.transmit(apdu(hexApdu)).getSW();
  }

  static CommandAPDU apdu(String hexApdu) {
    return new CommandAPDU(HexFormat.of().parseHex(hexApdu));
  }

  static String hex(byte[] b) {
    return HexFormat.of().withUpperCase().formatHex(b);
  }
}
