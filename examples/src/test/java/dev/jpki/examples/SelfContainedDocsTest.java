// SPDX-License-Identifier: Apache-2.0
package dev.jpki.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The repository stands on its own (issue 13): no file cites reference material that is not shipped with it,
 * and every {@code docs/<file>.md §N} or {@code docs/<file>.md "Heading"} reference names a section that
 * exists.
 *
 * <p>The facts the code relies on are in {@code docs/} (see {@code docs/README.md}). Cite {@code
 * docs/card-protocol.md §N}, {@code docs/testing.md §N}, {@code docs/conventions.md §N}, {@code docs/cli.md},
 * {@code docs/design.md}, {@code docs/faq-flows.md} or {@code docs/trust-anchors.md} instead of the
 * unshipped originals.
 *
 * <p>It walks the repository from the Maven module's parent directory, skipping {@code .git}, build output
 * ({@code target}), binary files and this file (which names the forbidden references on purpose).
 */
class SelfContainedDocsTest {

  /** References to material outside the repository, with what to cite instead. */
  private static final Map<Pattern, String> FORBIDDEN = new HashMap<>();

  static {
    FORBIDDEN.put(Pattern.compile("\\.\\./shared"), "a docs/ file");
    FORBIDDEN.put(Pattern.compile("(?<![\\w.-])style\\.md"), "docs/conventions.md");
    FORBIDDEN.put(Pattern.compile("test-infra\\.md"), "docs/testing.md");
    FORBIDDEN.put(Pattern.compile("cli-contract\\.md"), "docs/cli.md");
    FORBIDDEN.put(Pattern.compile("DESIGN\\.md"), "docs/design.md");
    FORBIDDEN.put(Pattern.compile("(?<![\\w/.-])[Ss]pec[\\s*/#]*§"), "docs/card-protocol.md §N");
    FORBIDDEN.put(Pattern.compile("jpki-card\\.md"), "docs/card-protocol.md");
    FORBIDDEN.put(Pattern.compile("faq-jpki-for-local-governments"), "docs/faq-flows.md");
  }

  /** {@code docs/x.md §N.M}, also when the section number follows a comment line break. */
  private static final Pattern SECTION_REF =
      Pattern.compile("docs/([\\w-]+\\.md)`?[\\s*/#<!-]*§(\\d+(?:\\.\\d+)*)");

  /** {@code docs/cli.md "Exit codes"}: a section cited by its heading (cli.md and design.md have no numbers). */
  private static final Pattern NAMED_SECTION_REF =
      Pattern.compile("docs/([\\w-]+\\.md)`?,? \"([A-Za-z][^\"\\n]{2,40})\"");

  private static final Pattern HEADING = Pattern.compile("^(#{2,4})\\s+(\\d+(?:\\.\\d+)*)[.\\s]");
  private static final Pattern LIST_ITEM = Pattern.compile("^(\\d+)\\.\\s");

  private static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", "node_modules", ".idea");

  @Test
  void repository_citesNoUnshippedReferenceMaterial() throws IOException {
    Path root = repositoryRoot();
    List<String> hits = new ArrayList<>();
    for (Path file : textFiles(root)) {
      String text = read(file);
      for (Map.Entry<Pattern, String> e : FORBIDDEN.entrySet()) {
        Matcher m = e.getKey().matcher(text);
        while (m.find()) {
          hits.add(root.relativize(file) + ":" + lineOf(text, m.start()) + ": \"" + m.group().strip()
              + "\" — cite " + e.getValue() + " instead");
        }
      }
    }
    if (!hits.isEmpty()) {
      fail(hits.size() + " reference(s) to material that is not in the repository:\n  "
          + String.join("\n  ", hits));
    }
  }

  @Test
  void docsSectionReferences_nameExistingSections() throws IOException {
    Path root = repositoryRoot();
    Map<String, Set<String>> sections = sectionsOfDocs(root.resolve("docs"));
    List<String> dangling = new ArrayList<>();
    for (Path file : textFiles(root)) {
      String text = read(file);
      Matcher m = SECTION_REF.matcher(text);
      while (m.find()) {
        Set<String> known = sections.get(m.group(1));
        if (known == null || !known.contains(m.group(2))) {
          dangling.add(root.relativize(file) + ":" + lineOf(text, m.start()) + ": docs/" + m.group(1)
              + " §" + m.group(2) + (known == null ? " (no such document)" : " (no such section)"));
        }
      }
    }
    if (!dangling.isEmpty()) {
      fail(dangling.size() + " reference(s) to sections that do not exist:\n  " + String.join("\n  ", dangling));
    }
  }

  @Test
  void docsNamedSectionReferences_nameExistingHeadings() throws IOException {
    Path root = repositoryRoot();
    Map<String, List<String>> headings = new HashMap<>();
    try (var stream = Files.list(root.resolve("docs"))) {
      for (Path doc : (Iterable<Path>) stream::iterator) {
        List<String> titles = new ArrayList<>();
        for (String line : read(doc).split("\n", -1)) {
          if (line.startsWith("#")) {
            titles.add(line.replaceFirst("^#+\\s*", "").toLowerCase(java.util.Locale.ROOT));
          }
        }
        headings.put(doc.getFileName().toString(), titles);
      }
    }
    List<String> dangling = new ArrayList<>();
    for (Path file : textFiles(root)) {
      String text = read(file);
      Matcher m = NAMED_SECTION_REF.matcher(text);
      while (m.find()) {
        List<String> titles = headings.get(m.group(1));
        String name = m.group(2).toLowerCase(java.util.Locale.ROOT);
        if (titles == null || titles.stream().noneMatch(t -> t.contains(name))) {
          dangling.add(root.relativize(file) + ":" + lineOf(text, m.start()) + ": docs/" + m.group(1)
              + " \"" + m.group(2) + "\"" + (titles == null ? " (no such document)" : " (no such heading)"));
        }
      }
    }
    if (!dangling.isEmpty()) {
      fail(dangling.size() + " reference(s) to headings that do not exist:\n  " + String.join("\n  ", dangling));
    }
  }

  /** The repository root: the parent of the Maven module this test runs in. */
  private static Path repositoryRoot() {
    Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    Path root = module.getParent();
    assertTrue(root != null && Files.isDirectory(root.resolve("docs")) && Files.isRegularFile(root.resolve("pom.xml")),
        () -> "not a checkout of the repository: " + root);
    return root;
  }

  /** Section numbers per docs/ file: headings "## 5." / "### 5.3", and numbered list items "6." under "## 12.". */
  private static Map<String, Set<String>> sectionsOfDocs(Path docs) throws IOException {
    Map<String, Set<String>> result = new HashMap<>();
    try (var stream = Files.list(docs)) {
      for (Path doc : (Iterable<Path>) stream::iterator) {
        if (!doc.getFileName().toString().endsWith(".md")) {
          continue;
        }
        Set<String> numbers = new HashSet<>();
        String top = null;
        for (String line : read(doc).split("\n", -1)) {
          Matcher h = HEADING.matcher(line);
          if (h.find()) {
            numbers.add(h.group(2));
            if (h.group(1).length() == 2) {
              top = h.group(2);
            }
            continue;
          }
          Matcher item = LIST_ITEM.matcher(line);
          if (item.find() && top != null) {
            numbers.add(top + "." + item.group(1));
          }
        }
        result.put(doc.getFileName().toString(), numbers);
      }
    }
    return result;
  }

  private static List<Path> textFiles(Path root) throws IOException {
    List<Path> files = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        return !dir.equals(root) && SKIPPED_DIRS.contains(dir.getFileName().toString())
            ? FileVisitResult.SKIP_SUBTREE
            : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        String name = file.getFileName().toString();
        if (attrs.isRegularFile() && attrs.size() < 4_000_000 && !name.equals("SelfContainedDocsTest.java")
            && !name.equals("LICENSE") && isText(file)) {
          files.add(file);
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return files;
  }

  private static boolean isText(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
      if (bytes[i] == 0) {
        return false;
      }
    }
    return bytes.length > 0;
  }

  private static String read(Path file) throws IOException {
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE)
        .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
        .toString();
  }

  private static int lineOf(String text, int index) {
    int line = 1;
    for (int i = 0; i < index; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
