#!/usr/bin/env bash
# Consumer builds (it/README.md): installs the published modules into a private local repository, then
# builds and runs three projects that live outside the reactor and see only those installed artifacts:
#   classpath/     every published module through jpki-bom, on the class path (README programs, jpki version)
#   modulepath/    a named module requiring the jpki modules, run with `java --module-path ... -m`
#   android-core/  jpki-core alone: API-24 signature check and a runtime class path of slf4j-api + jspecify
# Usage: it/run.sh            (after ./mvnw -B verify; .ci/run calls it)
#        IT_MAVEN_ARGS=-o it/run.sh   (offline, on a machine whose ~/.m2 already has the plugins)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
log() { printf '[it] %s\n' "$*"; }

# The private repository is the head of a chained local repository: artifacts installed or downloaded here
# land in it/target/repo; ~/.m2/repository is only read (Maven 3.9 maven.repo.local.tail), so a developer's
# own repository never receives these SNAPSHOTs.
repo="$root/it/target/repo"
rm -rf "$repo/dev/jpki"
mkdir -p "$repo"
user_repo="${MAVEN_USER_REPO:-$HOME/.m2/repository}"
mvn_args=(-B -q -Dmaven.repo.local="$repo" -Dmaven.repo.local.tail="$user_repo" ${IT_MAVEN_ARGS:-})

version="$(sed -n '/<artifactId>jpki-parent<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;q}' pom.xml)"
[ -n "$version" ] || { log "cannot read the version from pom.xml"; exit 1; }

# 1. The BOM must list exactly the published modules (those with a .published marker).
published="$(for m in */.published; do dirname "$m"; done | sort)"
in_bom="$(sed -n 's/.*<artifactId>\(jpki-[a-z-]*\)<\/artifactId>.*/\1/p' jpki-bom/pom.xml | grep -v '^jpki-bom$' | sort -u)"
if [ "$published" != "$in_bom" ]; then
  log "jpki-bom and the published modules differ:"; diff <(echo "$published") <(echo "$in_bom") || true; exit 1
fi
log "jpki-bom lists the $(echo "$published" | wc -l) published modules"

# 2. Install what users get (no tests: ./mvnw -B verify ran them). benchmarks and examples are not published.
log "installing $version into it/target/repo"
./mvnw "${mvn_args[@]}" install -DskipTests -Djacoco.skip=true -Dmaven.javadoc.skip=true -pl '!benchmarks,!examples'

# Each published module's SBOM was built and installed next to its jar (docs/release.md).
for m in $published; do
  for ext in json xml; do
    f="$repo/dev/jpki/$m/$version/$m-$version-cyclonedx.$ext"
    [ -s "$f" ] || { log "missing SBOM: $f (the cyclonedx plugin skips itself in offline mode)"; exit 1; }
  done
done
log "SBOMs installed for every published module"

consumer() { # name, then extra Maven arguments
  local name="$1"; shift
  log "consumer $name"
  ./mvnw "${mvn_args[@]}" -f "it/$name/pom.xml" -Djpki.version="$version" clean verify "$@"
}

# 3. A published artifact must not bring test frameworks or our test helpers to a user's runtime class path.
runtime_deps() {
  ./mvnw "${mvn_args[@]}" -f "it/$1/pom.xml" -Djpki.version="$version" dependency:list -DincludeScope=runtime \
    -DoutputFile="$root/it/target/$1-runtime.txt" -DexcludeTransitive=false >/dev/null
  sed -n 's/^ *\([^: ]*:[^: ]*\):.*/\1/p' "$root/it/target/$1-runtime.txt" | sort -u
}
mkdir -p it/target
consumer classpath
leaks="$(runtime_deps classpath | grep -E '^(org\.junit|junit|org\.assertj|net\.jqwik|org\.mockito|dev\.jpki:jpki-testkit-verify|org\.openjdk\.jmh|com\.h2database)' || true)"
# jpki-cli needs the virtual card for `jpki demo` and `--virtual`: jpki-testkit on its class path is deliberate.
if [ -n "$leaks" ]; then log "test dependencies leak to the runtime class path:"; echo "$leaks"; exit 1; fi

consumer modulepath

consumer android-core
core_deps="$(runtime_deps android-core | tr '\n' ' ')"
expected="dev.jpki:jpki-core org.jspecify:jspecify org.slf4j:slf4j-api "
if [ "$core_deps" != "$expected" ]; then
  log "jpki-core's runtime dependencies changed: got '$core_deps', expected '$expected'"; exit 1
fi
log "all consumer builds passed"
