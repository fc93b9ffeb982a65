// SPDX-License-Identifier: Apache-2.0
package dev.jpki.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The public API of every published module, dumped to a committed baseline ({@code <module>/api/<module>.api})
 * and compared with it: a change to the API fails here with the lines that appeared and disappeared, so it
 * is deliberate. After a deliberate change, regenerate the baselines and commit them with the change:
 *
 * <pre>
 * ./mvnw -B -o -pl examples -am verify -Dtest=ApiSurfaceTest -Dsurefire.failIfNoSpecifiedTests=false -Djpki.api.update=true
 * </pre>
 *
 * <p>This is the binary-compatibility baseline until a version is published (docs/conventions.md "API
 * baseline"). The API is: public types outside {@code *.internal} packages (nested types when every
 * enclosing type is public), with their public members and, for classes that can be subclassed, their
 * protected ones; compiler-generated members are left out. Each test prints the module's type, method
 * (including constructors) and field counts.
 */
class ApiSurfaceTest {
  private static final boolean UPDATE = Boolean.getBoolean("jpki.api.update");

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "jpki-core, dev.jpki.card.MyNumberCard",
    "jpki-pcsc, dev.jpki.pcsc.PcscReaders",
    "jpki-android, dev.jpki.android.IsoDepTransport",
    "jpki-verify, dev.jpki.verify.SignatureVerifier",
    "jpki-jdbc, dev.jpki.jdbc.JdbcChallengeStore",
    "jpki-testkit, dev.jpki.testkit.Personas",
    "jpki-testkit-verify, dev.jpki.testkit.verify.TestVerification",
  })
  void publicApi_matchesTheCommittedBaseline(String module, String anchor) throws Exception {
    Surface surface = surface(Class.forName(anchor));
    List<String> current = surface.lines(module);
    Path baseline = Path.of("..", module, "api", module + ".api");
    System.out.printf(Locale.ROOT, "Public API of %-20s %4d types %5d methods %4d fields%n", module + ":",
        surface.types, surface.methods, surface.fields);
    if (UPDATE) {
      Files.createDirectories(baseline.getParent());
      Files.write(baseline, current, StandardCharsets.UTF_8);
      return;
    }
    assertThat(Files.exists(baseline)).as("baseline " + baseline + " (create it with -Djpki.api.update=true)")
        .isTrue();
    List<String> committed = Files.readAllLines(baseline, StandardCharsets.UTF_8);
    String diff = diff(committed, current);
    assertThat(diff).as("the public API of " + module + " changed (- removed, + added). If that is deliberate,"
        + " regenerate " + baseline + " with -Djpki.api.update=true and commit it").isEmpty();
  }

  /**
   * One row of the counts table: a module, or a group of its packages, with the counts issue #13 started from.
   *
   * @param issue types and methods when issue #13 was filed (commit c783481, counted by {@link #surface} on that
   *     commit's classes), or {@code null} when the packages did not exist yet
   * @param mustDrop whether the scope must now be below {@code issue} (false where packages added after the issue
   *     are inside the scope, as in jpki-verify's FAQ-flow package: their own ceiling holds them)
   * @param before types and methods when the reduction pass began (commit 032d77e)
   * @param ceiling the most this scope may have: lower it when the API shrinks; raising it is a deliberate API
   *     decision made in review
   */
  private record Scope(String module, String anchor, String label, Predicate<String> packages,
      int @Nullable [] issue, boolean mustDrop, int[] before, int[] ceiling) {}

  private static Predicate<String> in(String... packages) {
    return p -> List.of(packages).contains(p);
  }

  private static final Predicate<String> ALL = p -> true;

  private static final List<Scope> SCOPES = List.of(
      new Scope("jpki-core", "dev.jpki.card.MyNumberCard", "all", ALL,
          new int[] {53, 340}, true, new int[] {65, 373}, new int[] {52, 284}),
      new Scope("jpki-core", "dev.jpki.card.MyNumberCard", "packages of #13's time",
          in("dev.jpki", "dev.jpki.apdu", "dev.jpki.card", "dev.jpki.card.jca"),
          new int[] {53, 340}, true, new int[] {54, 332}, new int[] {44, 253}),
      new Scope("jpki-core", "dev.jpki.card.MyNumberCard", "card.flow (FAQ flows, later)", in("dev.jpki.card.flow"),
          null, false, new int[] {11, 41}, new int[] {8, 31}),
      new Scope("jpki-verify", "dev.jpki.verify.SignatureVerifier", "all", ALL,
          new int[] {41, 291}, false, new int[] {72, 474}, new int[] {53, 309}),
      new Scope("jpki-verify", "dev.jpki.verify.SignatureVerifier", "packages of #13's time",
          in("dev.jpki.verify", "dev.jpki.verify.card", "dev.jpki.verify.revocation"),
          new int[] {41, 291}, true, new int[] {45, 332}, new int[] {36, 231}),
      new Scope("jpki-verify", "dev.jpki.verify.SignatureVerifier", "verify.flow (FAQ flows, later)",
          in("dev.jpki.verify.flow"), null, false, new int[] {27, 142}, new int[] {17, 78}),
      new Scope("jpki-pcsc", "dev.jpki.pcsc.PcscReaders", "all", ALL,
          new int[] {16, 76}, true, new int[] {16, 80}, new int[] {14, 69}),
      new Scope("jpki-android", "dev.jpki.android.IsoDepTransport", "all", ALL,
          new int[] {10, 35}, true, new int[] {10, 38}, new int[] {8, 34}),
      new Scope("jpki-jdbc", "dev.jpki.jdbc.JdbcChallengeStore", "all (relying-party kit, later)", ALL,
          null, false, new int[] {6, 27}, new int[] {6, 26}),
      new Scope("jpki-testkit", "dev.jpki.testkit.Personas", "all (test scope)", ALL,
          null, false, new int[] {48, 409}, new int[] {48, 409}),
      new Scope("jpki-testkit-verify", "dev.jpki.testkit.verify.TestVerification", "all (test scope)", ALL,
          null, false, new int[] {1, 12}, new int[] {1, 11}));

  /**
   * Prints the public type and method counts next to the figures issue #13 started from, holds every scope under
   * its ceiling, so the API cannot grow unnoticed (docs/conventions.md "API baseline"), and checks that what existed
   * when the issue was filed is now smaller: no more types and fewer methods.
   */
  @Test
  void publicApiCounts_areUnderTheirCeilings() throws Exception {
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
        "%n%-20s %-32s %14s %14s %14s %14s%n", "module", "scope", "#13 filed", "pass began", "now", "ceiling"));
    List<String> over = new ArrayList<>();
    List<String> notDropped = new ArrayList<>();
    for (Scope scope : SCOPES) {
      int[] now = surface(Class.forName(scope.anchor())).count(scope.packages());
      table.append(String.format(Locale.ROOT, "%-20s %-32s %14s %14s %14s %14s%n", scope.module(), scope.label(),
          scope.issue() == null ? "-" : pair(scope.issue()), pair(scope.before()), pair(now), pair(scope.ceiling())));
      if (now[0] > scope.ceiling()[0] || now[1] > scope.ceiling()[1]) {
        over.add(scope.module() + " " + scope.label() + ": " + pair(now) + " > ceiling " + pair(scope.ceiling()));
      }
      int[] issue = scope.issue();
      if (scope.mustDrop() && issue != null && (now[0] > issue[0] || now[1] >= issue[1])) {
        notDropped.add(scope.module() + " " + scope.label() + ": " + pair(now) + " vs " + pair(issue)
            + " when #13 was filed");
      }
    }
    System.out.println("Public API (types / methods incl. constructors):" + table);
    assertThat(over).as("scopes over their ceiling (an API that grew: if deliberate, raise the ceiling in review)")
        .isEmpty();
    assertThat(notDropped).as("scopes whose public API did not drop below issue #13's measurement").isEmpty();
  }

  private static String pair(int[] n) {
    return n[0] + " / " + n[1];
  }

  /**
   * Every type the javadoc site's overview ({@code docs/javadoc-overview.html}, the task-to-entry-point table) links
   * to exists and is public: the site is built with failOnWarnings in CI only, so an API cut that leaves a dangling
   * link fails here, in the normal test run, first.
   */
  @Test
  void javadocOverview_linksOnlyPublicTypes() throws Exception {
    String html = Files.readString(Path.of("..", "docs", "javadoc-overview.html"), StandardCharsets.UTF_8);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{@link\\s+([\\w.]+)").matcher(html);
    List<String> bad = new ArrayList<>();
    int links = 0;
    while (m.find()) {
      links++;
      String name = m.group(1);
      try {
        Class<?> c = Class.forName(name, false, ApiSurfaceTest.class.getClassLoader());
        if (!isApi(c)) {
          bad.add(name + " is not public");
        }
      } catch (ClassNotFoundException e) {
        bad.add(name + " does not exist");
      }
    }
    assertThat(links).as("links in the overview").isGreaterThan(10);
    assertThat(bad).as("dangling links in docs/javadoc-overview.html").isEmpty();
  }

  /** Lines only in one of the two, sorted, marked - (baseline only) and + (current only). */
  static String diff(List<String> baseline, List<String> current) {
    Set<String> removed = new TreeSet<>(baseline);
    current.forEach(removed::remove);
    Set<String> added = new TreeSet<>(current);
    baseline.forEach(added::remove);
    StringBuilder out = new StringBuilder();
    removed.forEach(l -> out.append("\n- ").append(l));
    added.forEach(l -> out.append("\n+ ").append(l));
    return out.toString();
  }

  /** The API of one module: one line per type and per member, and the counts. */
  static final class Surface {
    final Set<String> lines = new TreeSet<>();
    /** Per package: {types, methods}. */
    final Map<String, int[]> perPackage = new TreeMap<>();
    int types;
    int methods;
    int fields;

    /** Types and methods in the packages the filter accepts. */
    int[] count(Predicate<String> packages) {
      int[] sum = new int[2];
      perPackage.forEach((pkg, n) -> {
        if (packages.test(pkg)) {
          sum[0] += n[0];
          sum[1] += n[1];
        }
      });
      return sum;
    }

    List<String> lines(String module) {
      List<String> out = new ArrayList<>();
      out.add("# Public API of " + module + ": " + types + " types, " + methods + " methods (incl. constructors), "
          + fields + " fields. Generated by examples/src/test/java/dev/jpki/examples/ApiSurfaceTest.java.");
      out.addAll(lines);
      return out;
    }
  }

  static Surface surface(Class<?> anchor) throws IOException, URISyntaxException, ClassNotFoundException {
    Surface s = new Surface();
    ClassLoader loader = anchor.getClassLoader();
    for (String name : classNames(anchor)) {
      if (!name.startsWith("dev.jpki.") || name.endsWith("package-info") || name.endsWith("module-info")
          || name.contains(".internal.")) {
        continue;
      }
      Class<?> c = Class.forName(name, false, loader);
      if (!isApi(c)) {
        continue;
      }
      s.types++;
      int[] inPackage = s.perPackage.computeIfAbsent(c.getPackageName(), k -> new int[2]);
      inPackage[0]++;
      String type = c.getName();
      s.lines.add(type + " : " + describeType(c));
      boolean subclassable = !Modifier.isFinal(c.getModifiers()) && !c.isEnum() && !c.isRecord()
          && hasVisibleConstructor(c);
      for (Constructor<?> k : c.getDeclaredConstructors()) {
        if (!k.isSynthetic() && visible(k.getModifiers(), subclassable)) {
          s.methods++;
          inPackage[1]++;
          s.lines.add(type + " : " + modifiers(k.getModifiers()) + "<init>" + parameters(k) + exceptions(k));
        }
      }
      for (Method m : c.getDeclaredMethods()) {
        if (!m.isSynthetic() && !m.isBridge() && visible(m.getModifiers(), subclassable || c.isInterface())) {
          s.methods++;
          inPackage[1]++;
          s.lines.add(type + " : " + modifiers(m.getModifiers()) + typeParameters(m)
              + name(m.getGenericReturnType()) + " " + m.getName() + parameters(m) + exceptions(m));
        }
      }
      for (Field f : c.getDeclaredFields()) {
        if (!f.isSynthetic() && visible(f.getModifiers(), subclassable)) {
          s.fields++;
          s.lines.add(type + " : " + modifiers(f.getModifiers()) + name(f.getGenericType()) + " " + f.getName());
        }
      }
    }
    return s;
  }

  private static Set<String> classNames(Class<?> anchor) throws IOException, URISyntaxException {
    Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<String> names = new LinkedHashSet<>();
    if (Files.isDirectory(location)) {
      try (Stream<Path> files = Files.walk(location)) {
        files.filter(p -> p.toString().endsWith(".class"))
            .forEach(p -> names.add(toClassName(location.relativize(p).toString().replace('\\', '/'))));
      }
    } else {
      try (JarFile jar = new JarFile(location.toFile())) {
        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
          String n = e.nextElement().getName();
          if (n.endsWith(".class") && !n.startsWith("META-INF/")) {
            names.add(toClassName(n));
          }
        }
      }
    }
    return names;
  }

  private static String toClassName(String file) {
    return file.substring(0, file.length() - ".class".length()).replace('/', '.');
  }

  private static boolean isApi(Class<?> c) {
    if (c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic()) {
      return false;
    }
    for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
      if (!Modifier.isPublic(k.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasVisibleConstructor(Class<?> c) {
    return Arrays.stream(c.getDeclaredConstructors())
        .anyMatch(k -> Modifier.isPublic(k.getModifiers()) || Modifier.isProtected(k.getModifiers()));
  }

  private static boolean visible(int modifiers, boolean protectedCounts) {
    return Modifier.isPublic(modifiers) || (protectedCounts && Modifier.isProtected(modifiers));
  }

  private static String describeType(Class<?> c) {
    String kind = c.isAnnotation() ? "@interface" : c.isInterface() ? "interface" : c.isEnum() ? "enum"
        : c.isRecord() ? "record" : "class";
    int mods = c.getModifiers() & ~Modifier.INTERFACE;
    if (c.isInterface()) {
      mods &= ~Modifier.ABSTRACT; // implied
    }
    if (c.isEnum() || c.isRecord()) {
      mods &= ~(Modifier.FINAL | Modifier.ABSTRACT | Modifier.STATIC); // implied or an implementation detail
    }
    StringBuilder out = new StringBuilder(modifiers(mods)).append(kind).append(typeParameters(c).stripTrailing());
    Type superclass = c.getGenericSuperclass();
    if (superclass != null && superclass != Object.class && !c.isEnum() && !c.isRecord()) {
      out.append(" extends ").append(name(superclass));
    }
    Type[] interfaces = c.getGenericInterfaces();
    if (interfaces.length > 0) {
      out.append(c.isInterface() ? " extends " : " implements ")
          .append(Arrays.stream(interfaces).map(ApiSurfaceTest::name).sorted().collect(Collectors.joining(", ")));
    }
    return out.toString();
  }

  private static String modifiers(int mods) {
    String m = Modifier.toString(mods & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC | Modifier.FINAL
        | Modifier.ABSTRACT));
    return m.isEmpty() ? "" : m + " ";
  }

  private static String typeParameters(java.lang.reflect.GenericDeclaration d) {
    var ps = d.getTypeParameters();
    if (ps.length == 0) {
      return "";
    }
    return Arrays.stream(ps).map(p -> {
      String bounds = Arrays.stream(p.getBounds()).filter(b -> b != Object.class).map(ApiSurfaceTest::name)
          .collect(Collectors.joining(" & "));
      return bounds.isEmpty() ? p.getName() : p.getName() + " extends " + bounds;
    }).collect(Collectors.joining(", ", "<", "> "));
  }

  private static String parameters(Executable e) {
    return Arrays.stream(e.getGenericParameterTypes()).map(ApiSurfaceTest::name)
        .collect(Collectors.joining(", ", "(", ")"))
        .replaceFirst("\\[\\]\\)$", e.isVarArgs() ? "...)" : "[])");
  }

  private static String exceptions(Executable e) {
    Type[] ts = e.getGenericExceptionTypes();
    return ts.length == 0 ? ""
        : Arrays.stream(ts).map(ApiSurfaceTest::name).sorted().collect(Collectors.joining(", ", " throws ", ""));
  }

  private static String name(Type t) {
    return t.getTypeName().replaceAll("\\bjava\\.lang\\.(?=[A-Z])", "");
  }
}
