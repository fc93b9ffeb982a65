// SPDX-License-Identifier: Apache-2.0
package dev.jpki.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.card.CardSignature;
import dev.jpki.card.MyNumberCard;
import dev.jpki.card.Pin;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.verify.TestVerification;
import dev.jpki.verify.CertificateValidator;
import dev.jpki.verify.Challenge;
import dev.jpki.verify.LoginVerifier;
import dev.jpki.verify.Status;
import dev.jpki.verify.VerificationResult;
import java.io.File;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root README's "Three programs" (read the authentication certificate, sign a document with the
 * signature key, verify a login on the server), taken from the README itself: each is at most 5 lines,
 * compiles exactly as printed against the published modules, and runs on the virtual card. The README
 * cannot drift from the API without this test failing.
 *
 * <p>Running the PC/SC programs needs a reader: {@code PcscReaders.system()} is replaced by {@code
 * PcscReaders.of(terminals)} over an in-process javax.smartcardio reader holding the virtual card
 * ({@link VirtualReaders}), so the real {@code PcscReaders.withFirstCard} and {@code PcscTransport} run.
 * The login's client side (the holder's app) is filled in where the README has its comment line.
 */
class ReadmeProgramsTest {
  private static final Path README = Path.of("..", "README.md");
  private static final String SECTION = "## Three programs";
  private static final String ORIGIN = "https://login.example.jp";
  private static final Persona PERSONA = Personas.get(Personas.DEFAULT);
  private static final String IMPORTS = """
      import dev.jpki.card.CardSignature;
      import dev.jpki.card.Pin;
      import dev.jpki.pcsc.PcscReaders;
      import dev.jpki.verify.CertificateValidator;
      import dev.jpki.verify.Challenge;
      import dev.jpki.verify.LoginResult;
      import dev.jpki.verify.LoginVerifier;
      import java.security.cert.X509Certificate;
      import javax.smartcardio.CardTerminals;
      """;

  @TempDir static Path dir;
  static List<String> programs;
  static Class<?> runnable;

  @BeforeAll
  static void compile() throws Exception {
    programs = javaBlocks(Files.readString(README, StandardCharsets.UTF_8));
    String verbatim = IMPORTS + "public class ReadmeVerbatim {\n"
        + "  static void readCertificate() throws Exception {\n" + programs.get(0) + "  }\n"
        + "  static void signDocument(char[] passwordChars, byte[] document) throws Exception {\n"
        + programs.get(1) + "  }\n"
        + "  static void verifyLogin(CertificateValidator validator, String sessionId, byte[] signature,"
        + " byte[] certificateDer) throws Exception {\n" + programs.get(2) + "  }\n}\n";
    String run = IMPORTS + "public class ReadmeRun {\n"
        + "  public static X509Certificate readCertificate(CardTerminals terminals) throws Exception {\n"
        + onReaders(programs.get(0)) + "    return certificate;\n  }\n"
        + "  public static CardSignature signDocument(CardTerminals terminals, char[] passwordChars,"
        + " byte[] document) throws Exception {\n" + onReaders(programs.get(1)) + "    return signature;\n  }\n"
        + "  public static String verifyLogin(CertificateValidator validator, String sessionId,"
        + " java.util.function.Function<Challenge, byte[][]> app) throws Exception {\n"
        + "    byte[] signature;\n    byte[] certificateDer;\n"
        + withApp(programs.get(2)) + "    return user;\n  }\n}\n";
    compile("ReadmeVerbatim", verbatim);
    compile("ReadmeRun", run);
    URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, ReadmeProgramsTest.class.getClassLoader());
    runnable = loader.loadClass("ReadmeRun");
  }

  @Test
  void threePrograms_eachAtMostFiveLines() {
    assertThat(programs).hasSize(3);
    for (String p : programs) {
      assertThat(p.lines().count()).as(p).isLessThanOrEqualTo(5);
    }
  }

  @Test
  void readCertificate_onTheFirstReaderWithACard_returnsTheAuthCertificate() throws Exception {
    VirtualReaders readers = new VirtualReaders(PERSONA.newCard());

    X509Certificate certificate = (X509Certificate) call("readCertificate", readers);

    assertThat(certificate).isEqualTo(PERSONA.authCertificate());
    assertThat(readers.disconnected()).isTrue();
  }

  @Test
  void signDocument_withTheSignaturePassword_verifiesAgainstTheTestPki() throws Exception {
    VirtualReaders readers = new VirtualReaders(PERSONA.newCard());
    byte[] document = "申込書".getBytes(StandardCharsets.UTF_8);

    CardSignature signature = (CardSignature) call("signDocument", readers,
        PERSONA.signPassword().toCharArray(), document);

    assertThat(signature.certificate()).isEqualTo(PERSONA.signCertificate().orElseThrow());
    VerificationResult r = TestVerification.forPersona(PERSONA).signatureVerifier()
        .verifyRaw(signature.signature(), document, signature.certificate());
    assertThat(r.status()).as(r.failures().toString()).isEqualTo(Status.VALID);
    assertThat(readers.disconnected()).isTrue();
  }

  @Test
  void verifyLogin_answerFromTheVirtualCard_isTheSubjectId() throws Exception {
    CertificateValidator validator = TestVerification.forPersona(PERSONA).certificateValidator();

    String user = (String) call("verifyLogin", validator, "session-1", holderApp(ORIGIN));

    assertThat(user).isEqualTo(LoginVerifier.subjectId(PERSONA.authCertificate()));
  }

  @Test
  void verifyLogin_answerMadeForAnotherSite_isNoUser() throws Exception {
    CertificateValidator validator = TestVerification.forPersona(PERSONA).certificateValidator();

    String user = (String) call("verifyLogin", validator, "session-1", holderApp("https://evil.example"));

    assertThat(user).isNull();
  }

  /** The holder's app: verifies the PIN and signs the login for the origin it connected to. */
  private static Function<Challenge, byte[][]> holderApp(String origin) {
    return challenge -> {
      try (MyNumberCard card = MyNumberCard.open(PERSONA.newCard().transport());
          Pin pin = Pin.authentication(PERSONA.authPin().toCharArray())) {
        card.jpki().verify(pin);
        return new byte[][] {card.jpki().authCertificate().getEncoded(),
            card.jpki().signLogin(origin, challenge.value())};
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
  }

  private static Object call(String name, Object... args) throws Exception {
    for (Method m : runnable.getMethods()) {
      if (m.getName().equals(name)) {
        try {
          return m.invoke(null, args);
        } catch (InvocationTargetException e) {
          throw (Exception) e.getCause();
        }
      }
    }
    throw new AssertionError("no method " + name);
  }

  /** The java blocks of the section, in order. */
  private static List<String> javaBlocks(String readme) {
    int start = readme.indexOf(SECTION);
    assertThat(start).as("README section " + SECTION).isNotNegative();
    int end = readme.indexOf("\n## ", start + SECTION.length());
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    List<String> blocks = new ArrayList<>();
    int i = 0;
    while ((i = section.indexOf("```java\n", i)) >= 0) {
      int from = i + "```java\n".length();
      int to = section.indexOf("```", from);
      blocks.add(section.substring(from, to));
      i = to + 3;
    }
    return blocks;
  }

  private static String onReaders(String program) {
    assertThat(program).contains("PcscReaders.system()");
    return program.replace("PcscReaders.system()", "PcscReaders.of(terminals)");
  }

  /** Puts the holder's app where the README says what it does (its comment line starting "// ..."). */
  private static String withApp(String program) {
    StringBuilder out = new StringBuilder();
    boolean replaced = false;
    for (String line : program.split("\n", -1)) {
      if (line.strip().startsWith("// ...")) {
        out.append("    byte[][] answer = app.apply(challenge);\n")
            .append("    certificateDer = answer[0];\n    signature = answer[1];\n");
        replaced = true;
      } else {
        out.append(line).append('\n');
      }
    }
    assertThat(replaced).as("the login program's client comment line").isTrue();
    return out.toString();
  }

  private static void compile(String className, String source) throws Exception {
    Path file = dir.resolve(className + ".java");
    Files.writeString(file, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    boolean ok = javac.getTask(diagnostics, null, null,
        List.of("-classpath", classpath(), "-d", dir.toString(), "--release", "17", "-Xlint:all,-processing",
            "-Werror"),
        null, javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(file.toFile()))
        .call();
    assertThat(ok).as(className + ":\n" + source + "\n" + diagnostics).isTrue();
  }

  /** Surefire's test class path (its own java.class.path is a manifest-only jar). */
  private static String classpath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null ? cp : System.getProperty("java.class.path") + File.pathSeparator;
  }
}
