package dev.jpki.verify.revocation;

import dev.jpki.verify.BadInputException;
import dev.jpki.verify.internal.Http;
import dev.jpki.verify.internal.X509Ext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revocation from one or more CRLs, each fixed, loaded from a file, or fetched from an http(s) URL, and
 * refreshed when it is due.
 *
 * <p>A CRL is used for a certificate only if its issuer name matches, its authority key identifier (if
 * any) matches the issuer's subject key identifier, and its signature verifies with the issuer's key
 * (J-LIS roots of one type share a DN, spec §9.5). A listed serial gives REVOKED with the CRL's reason
 * code; an unlisted serial gives GOOD only from a CRL that is current at the verification time and
 * whose scope covers the certificate. Anything else fails closed: no CRL for the issuer, an unreadable,
 * unreachable or badly signed CRL, or a stale one (past nextUpdate) gives UNAVAILABLE.
 *
 * <p>Loading is lazy (on the first check) and repeated when a CRL is past its nextUpdate or older than
 * {@link Builder#refreshInterval}, at most once per {@link Builder#retryInterval} after a failure; a
 * failed reload keeps the previous CRL. Thread-safe.
 */
public final class CrlRevocationSource implements RevocationSource {
  private static final Logger log = LoggerFactory.getLogger(CrlRevocationSource.class);
  private static final String NAME = "CRL";

  private final List<Slot> slots;
  private final Duration maxAgeWithoutNextUpdate;

  private CrlRevocationSource(Builder b) {
    List<Slot> s = new ArrayList<>();
    for (Spec spec : b.specs) {
      s.add(new Slot(spec, b));
    }
    this.slots = Collections.unmodifiableList(s);
    this.maxAgeWithoutNextUpdate = b.maxAgeWithoutNextUpdate;
  }

  /**
   * Starts a builder.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public RevocationStatus check(X509Certificate certificate, X509Certificate issuer, Instant at) {
    boolean good = false;
    List<String> problems = new ArrayList<>();
    byte[] serial = certificate.getSerialNumber().toByteArray();
    byte[] issuerSki = X509Ext.subjectKeyIdentifier(issuer);
    for (Slot slot : slots) {
      CrlIndex crl = slot.current(at, maxAgeWithoutNextUpdate);
      if (crl == null) {
        problems.add(slot.describe() + " unavailable" + slot.lastError());
        continue;
      }
      if (!crl.issuerMatches(certificate)) {
        continue;
      }
      byte[] aki = crl.authorityKeyIdOrNull();
      if (aki != null && issuerSki != null && !Arrays.equals(aki, issuerSki)) {
        // same issuer name, other key: J-LIS roots of one type share a DN (spec §9.5)
        problems.add(slot.describe() + " is not signed by the certificate's issuer (key identifier differs)");
        continue;
      }
      if (!crl.verifySignature(issuer.getPublicKey())) {
        problems.add(slot.describe() + " is not signed by the certificate's issuer");
        continue;
      }
      int reason = crl.lookup(serial, 0, serial.length);
      boolean fresh = crl.isFresh(at, maxAgeWithoutNextUpdate);
      if (reason != CrlIndex.NOT_REVOKED) {
        RevocationReason r = RevocationReason.ofCode(reason).orElse(RevocationReason.UNSPECIFIED);
        // revocation is final, so a stale CRL still proves it; a hold may have been released since
        if (fresh || r != RevocationReason.CERTIFICATE_HOLD) {
          return RevocationStatus.revoked(r, null, NAME);
        }
      }
      if (!fresh) {
        problems.add(slot.describe() + " is stale (nextUpdate " + crl.nextUpdate().map(Instant::toString)
            .orElse("absent") + " is before " + at + ")");
        continue;
      }
      if (!crl.covers(certificate)) {
        problems.add(slot.describe() + " does not cover this certificate (issuing distribution point)");
        continue;
      }
      if (reason == CrlIndex.NOT_REVOKED) {
        good = true;
      }
    }
    if (good) {
      return RevocationStatus.good(NAME);
    }
    if (problems.isEmpty()) {
      return RevocationStatus.unavailable(NAME, "no CRL from this certificate's issuer is configured");
    }
    return RevocationStatus.unavailable(NAME, String.join("; ", problems));
  }

  /**
   * Reloads every file or URL CRL now.
   *
   * @return the number of CRLs loaded successfully
   */
  public int refresh() {
    int ok = 0;
    for (Slot s : slots) {
      if (s.reload()) {
        ok++;
      }
    }
    return ok;
  }

  /**
   * Returns the currently loaded CRLs (for monitoring).
   *
   * @return loaded indexes; CRLs not yet loaded or that failed to load are absent
   */
  public List<CrlIndex> loaded() {
    List<CrlIndex> out = new ArrayList<>();
    for (Slot s : slots) {
      CrlIndex c = s.index;
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "CrlRevocationSource[" + slots.size() + " CRLs]";
  }

  /** What to load: exactly one of the three is set. */
  private static final class Spec {
    final @Nullable CrlIndex fixed;
    final @Nullable Path file;
    final @Nullable URI url;

    Spec(@Nullable CrlIndex fixed, @Nullable Path file, @Nullable URI url) {
      this.fixed = fixed;
      this.file = file;
      this.url = url;
    }
  }

  /** One CRL: fixed, file or URL, with its loading state. */
  private static final class Slot {
    private final @Nullable CrlIndex fixed;
    private final @Nullable Path file;
    private final @Nullable URI url;
    private final @Nullable HttpClient http;
    private final Duration timeout;
    private final long maxBytes;
    private final Duration refreshInterval;
    private final Duration retryInterval;
    private final Clock wallClock;
    private volatile @Nullable CrlIndex index;
    private volatile @Nullable Instant loadedAt;
    private volatile @Nullable Instant lastAttempt;
    private volatile String lastError = "";

    Slot(Spec spec, Builder b) {
      this.fixed = spec.fixed;
      this.file = spec.file;
      this.url = spec.url;
      this.http = spec.url != null ? b.http() : null;
      this.timeout = b.timeout;
      this.maxBytes = b.maxBytes;
      this.refreshInterval = b.refreshInterval;
      this.retryInterval = b.retryInterval;
      this.wallClock = b.wallClock;
      this.index = spec.fixed;
    }

    String describe() {
      if (file != null) {
        return "CRL file " + file.getFileName();
      }
      if (url != null) {
        return "CRL " + url;
      }
      return "CRL";
    }

    String lastError() {
      String e = lastError;
      return e.isEmpty() ? "" : " (" + e + ")";
    }

    @Nullable CrlIndex current(Instant at, Duration maxAgeWithoutNextUpdate) {
      if (fixed != null) {
        return fixed;
      }
      CrlIndex c = index;
      Instant now = wallClock.instant();
      Instant loaded = loadedAt;
      boolean due = c == null
          || !c.isFresh(at, maxAgeWithoutNextUpdate)
          || (loaded != null && !now.isBefore(loaded.plus(refreshInterval)));
      if (due) {
        Instant last = lastAttempt;
        if (last == null || !now.isBefore(last.plus(retryInterval))) {
          reloadUnlessTried(last);
        }
        // Another thread may be loading right now (it set lastAttempt before reading the file): wait
        // for it rather than answer from no CRL or the stale one, which would be a spurious INDETERMINATE.
        return loadedIndex();
      }
      return c;
    }

    /** The index once no load is in progress (reload() holds this monitor while it loads). */
    synchronized @Nullable CrlIndex loadedIndex() {
      return index;
    }

    /** Reloads unless another thread attempted a load since {@code observed} (one load per wave). */
    // Identity on purpose: the same Instant object means no attempt was made since; an equal instant from
    // another attempt (coarse clock) must still count as a new attempt.
    @SuppressWarnings("ReferenceEquality")
    synchronized void reloadUnlessTried(@Nullable Instant observed) {
      if (lastAttempt == observed) {
        reload();
      }
    }

    synchronized boolean reload() {
      if (fixed != null) {
        return true;
      }
      Instant now = wallClock.instant();
      lastAttempt = now;
      try {
        byte[] bytes;
        if (file != null) {
          long size = Files.size(file);
          if (size > maxBytes) {
            throw new IOException("file of " + size + " bytes exceeds the limit of " + maxBytes);
          }
          bytes = Files.readAllBytes(file);
        } else {
          bytes = Http.get(Objects.requireNonNull(http), Objects.requireNonNull(url), timeout, maxBytes);
        }
        CrlIndex next = CrlIndex.parse(bytes);
        CrlIndex prev = index;
        if (prev != null && prev.thisUpdate().isAfter(next.thisUpdate())) {
          // never go back to an older CRL (replayed or cached by a proxy)
          lastError = "reloaded CRL is older than the one held";
          return false;
        }
        index = next;
        loadedAt = now;
        lastError = "";
        log.debug("Loaded {} with {} entries", describe(), next.size());
        return true;
      } catch (IOException | BadInputException | RuntimeException e) {
        lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
        log.debug("Could not load {}: {}", describe(), lastError);
        return false;
      }
    }
  }

  /** Builder of {@link CrlRevocationSource}. */
  public static final class Builder {
    private final List<Spec> specs = new ArrayList<>();
    private @Nullable HttpClient http;
    private Duration timeout = Duration.ofSeconds(30);
    private long maxBytes = 512L * 1024 * 1024;
    private Duration refreshInterval = Duration.ofHours(1);
    private Duration retryInterval = Duration.ofMinutes(1);
    private Duration maxAgeWithoutNextUpdate = Duration.ofDays(1);
    private Clock wallClock = Clock.systemUTC();

    private Builder() {}

    /**
     * Adds a CRL that was parsed already; it is never reloaded.
     *
     * @param crl the index
     * @return this builder
     */
    public Builder crl(CrlIndex crl) {
      specs.add(new Spec(Objects.requireNonNull(crl, "crl"), null, null));
      return this;
    }

    /**
     * Adds a CRL file (DER or PEM), loaded on first use and reloaded when due.
     *
     * @param file the file
     * @return this builder
     */
    public Builder file(Path file) {
      specs.add(new Spec(null, Objects.requireNonNull(file, "file"), null));
      return this;
    }

    /**
     * Adds a CRL URL (http or https), fetched on first use and again when due.
     *
     * @param url the URL
     * @return this builder
     */
    public Builder url(URI url) {
      String s = url.getScheme();
      if (s == null || !(s.equalsIgnoreCase("http") || s.equalsIgnoreCase("https"))) {
        throw new IllegalArgumentException("only http and https CRL URLs are supported");
      }
      specs.add(new Spec(null, null, url));
      return this;
    }

    /**
     * Sets the HTTP client used for URLs (default: a new client with default settings).
     *
     * @param client the client
     * @return this builder
     */
    public Builder httpClient(HttpClient client) {
      this.http = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Sets the HTTP request timeout (default 30 s).
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /**
     * Sets the largest CRL accepted (default 512 MiB).
     *
     * @param bytes the limit
     * @return this builder
     */
    public Builder maxBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxBytes must be positive");
      }
      this.maxBytes = bytes;
      return this;
    }

    /**
     * Sets how long a loaded CRL is used before it is reloaded even if still current (default 1 h).
     *
     * @param interval the interval
     * @return this builder
     */
    public Builder refreshInterval(Duration interval) {
      this.refreshInterval = positive(interval, "refreshInterval");
      return this;
    }

    /**
     * Sets the minimum time between two load attempts after a failure or while stale (default 1 min).
     *
     * @param interval the interval
     * @return this builder
     */
    public Builder retryInterval(Duration interval) {
      if (interval.isNegative()) {
        throw new IllegalArgumentException("retryInterval must not be negative");
      }
      this.retryInterval = interval;
      return this;
    }

    /**
     * Sets how long after thisUpdate a CRL without nextUpdate counts as current (default 1 day).
     *
     * @param maxAge the age
     * @return this builder
     */
    public Builder maxAgeWithoutNextUpdate(Duration maxAge) {
      this.maxAgeWithoutNextUpdate = positive(maxAge, "maxAgeWithoutNextUpdate");
      return this;
    }

    /**
     * Sets the wall clock used to schedule reloads (not the verification time, which each check
     * receives). Default: system UTC.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder wallClock(Clock clock) {
      this.wallClock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the source.
     *
     * @return the source
     * @throws IllegalStateException if no CRL was added
     */
    public CrlRevocationSource build() {
      if (specs.isEmpty()) {
        throw new IllegalStateException("no CRL added");
      }
      return new CrlRevocationSource(this);
    }

    HttpClient http() {
      HttpClient h = http;
      if (h == null) {
        h = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        http = h;
      }
      return h;
    }

    private static Duration positive(Duration d, String name) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }
  }
}
