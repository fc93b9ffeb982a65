// SPDX-License-Identifier: Apache-2.0
package dev.jpki.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick starts compile against this version, so they cannot drift from the API, and stay
 * short (at most 20 lines each). Each block follows a marker {@code <!-- quickstart: Name [in-activity]
 * [given: Type name, ...] -->}: its {@code import} lines become the imports of class {@code Name}, the rest
 * the body of a method whose parameters are the {@code given} variables (what the surrounding text says the
 * reader already has). {@code in-activity}: the class is an Android {@code Activity} with the reader's own
 * {@code send(byte[])} and {@code show(Exception)}.
 */
class ReadmeQuickStartsTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Pattern MARKER = Pattern.compile(
      "<!-- quickstart: (\\w+)( in-activity)?(?: given: ([^>]*?))? -->\\n```java\\n(.*?)```", Pattern.DOTALL);

  @TempDir Path dir;

  record QuickStart(String name, boolean inActivity, String given, String code) {}

  static List<QuickStart> quickStarts() throws Exception {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int start = readme.indexOf("\n## Quick starts");
    assertThat(start).as("README section").isPositive();
    int end = readme.indexOf("\n## ", start + 1);
    Matcher m = MARKER.matcher(readme.substring(start, end));
    List<QuickStart> out = new ArrayList<>();
    while (m.find()) {
      out.add(new QuickStart(m.group(1), m.group(2) != null, m.group(3) == null ? "" : m.group(3).trim(), m.group(4)));
    }
    return out;
  }

  @Test
  void everyKindOfUserHasAQuickStart_ofAtMost20Lines() throws Exception {
    List<QuickStart> all = quickStarts();
    assertThat(all).extracting(QuickStart::name)
        .containsExactly("DesktopSign", "AndroidLogin", "ServerVerify", "CounterFaceToFace");
    for (QuickStart q : all) {
      assertThat(q.code().lines().count()).as(q.name()).isLessThanOrEqualTo(20);
    }
  }

  @Test
  void everyQuickStartCompiles() throws Exception {
    List<File> sources = new ArrayList<>();
    for (QuickStart q : quickStarts()) {
      StringBuilder imports = new StringBuilder();
      StringBuilder body = new StringBuilder();
      for (String line : q.code().split("\n", -1)) {
        (line.startsWith("import ") ? imports : body).append(line).append('\n');
      }
      String cls = imports + "\n@SuppressWarnings(\"unused\")\npublic class " + q.name()
          + (q.inActivity() ? " extends android.app.Activity" : "") + " {\n"
          + (q.inActivity() ? "  void send(byte[] s) {}\n  void show(Exception e) {}\n" : "")
          + "  void run(" + q.given() + ") throws Exception {\n" + body + "  }\n}\n";
      Path file = dir.resolve(q.name() + ".java");
      Files.writeString(file, cls);
      sources.add(file.toFile());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    boolean ok = javac.getTask(diagnostics, null, null,
        List.of("-classpath", classpath(), "-d", dir.toString(), "--release", "17", "-Xlint:all,-processing",
            "-Werror"),
        null, javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjectsFromFiles(sources))
        .call();
    assertThat(ok).as(diagnostics.toString()).isTrue();
  }

  /** Surefire's test class path (its own java.class.path is a manifest-only jar). */
  private static String classpath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null ? cp : System.getProperty("java.class.path");
  }
}
