// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.revocation;

import dev.jpki.verify.BadInputException;
import dev.jpki.verify.internal.Http;
import dev.jpki.verify.internal.X509Ext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revocation from one or more CRLs, each fixed, loaded from a file, or fetched from an http(s) URL, and
 * refreshed when it is due.
 *
 * <p>A CRL is used for a certificate only if its issuer name matches, its authority key identifier (if
 * any) matches the issuer's subject key identifier, and its signature verifies with the issuer's key
 * (J-LIS roots of one type share a DN, docs/card-protocol.md §9.5). A listed serial gives REVOKED with the CRL's reason
 * code; an unlisted serial gives GOOD only from a CRL that is current at the verification time and
 * whose scope covers the certificate. Anything else fails closed: no CRL for the issuer, an unreadable,
 * unreachable or badly signed CRL, or a stale one (past nextUpdate) gives UNAVAILABLE.
 *
 * <p>Loading is lazy (on the first check) and repeated when a CRL is past its nextUpdate or older than
 * {@link Builder#refreshInterval}, at most once per {@link Builder#retryInterval} after a failure; a
 * failed reload keeps the previous CRL. A reloaded CRL replaces a current, verified one only if the same
 * key signed it and it is not older; a held CRL that failed its signature check is reloaded early.
 * Fetching happens outside any lock, one load at a time; while it runs, checks answer from the CRL held
 * if it is current, and otherwise wait for the load (at most its timeout). The timeout bounds the whole
 * HTTP exchange, body included. Thread-safe.
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
    boolean[] issuerKu = issuer.getKeyUsage();
    if (issuerKu != null && !(issuerKu.length > 6 && issuerKu[6])) {
      // RFC 5280 §4.2.1.3: only a key with cRLSign may sign CRLs (SECURITY.md, JPKI-2026-010)
      return RevocationStatus.unavailable(NAME, "the issuer's keyUsage lacks cRLSign: its CRLs are not used");
    }
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
        // same issuer name, other key: J-LIS roots of one type share a DN (docs/card-protocol.md §9.5)
        problems.add(slot.describe() + " is not signed by the certificate's issuer (key identifier differs)");
        continue;
      }
      if (!crl.verifySignature(issuer.getPublicKey())) {
        slot.markSuspect();
        problems.add(slot.describe() + " is not signed by the certificate's issuer");
        continue;
      }
      int reason = crl.lookup(serial);
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
    private volatile boolean suspect;
    private final Duration maxAgeWithoutNextUpdate;
    private final AtomicBoolean loading = new AtomicBoolean();
    private final Object loadDone = new Object();

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
      this.maxAgeWithoutNextUpdate = b.maxAgeWithoutNextUpdate;
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

    /** A check found that the held CRL does not verify with its issuer's key: reload it when allowed. */
    void markSuspect() {
      suspect = true;
    }

    // Identity on purpose in lastAttempt == last: the same Instant object means no attempt was made since;
    // an equal instant from another attempt (coarse clock) must still count as a new attempt.
    @SuppressWarnings("ReferenceEquality")
    @Nullable CrlIndex current(Instant at, Duration maxAgeWithoutNextUpdate) {
      if (fixed != null) {
        return fixed;
      }
      CrlIndex c = index;
      Instant now = wallClock.instant();
      Instant loaded = loadedAt;
      boolean usable = c != null && c.isFresh(at, maxAgeWithoutNextUpdate) && !suspect;
      boolean due = !usable || (loaded != null && !now.isBefore(loaded.plus(refreshInterval)));
      if (!due) {
        return c;
      }
      Instant last = lastAttempt;
      if ((last == null || !now.isBefore(last.plus(retryInterval))) && loading.compareAndSet(false, true)) {
        try {
          if (lastAttempt == last) {
            load(now);
          }
        } finally {
          endLoad();
        }
        return index;
      }
      if (usable) {
        // another thread is reloading a CRL that is still current: keep answering from it (JPKI-2026-006)
        return c;
      }
      // Nothing usable is held and another thread may be loading right now: wait for it (bounded by its
      // fetch deadline) rather than answer from no CRL or a stale one, a spurious INDETERMINATE.
      awaitLoad();
      return index;
    }

    private void endLoad() {
      synchronized (loadDone) {
        loading.set(false);
        loadDone.notifyAll();
      }
    }

    private void awaitLoad() {
      long until = System.nanoTime() + timeout.toNanos() + TimeUnit.SECONDS.toNanos(1);
      synchronized (loadDone) {
        while (loading.get()) {
          long left = until - System.nanoTime();
          if (left <= 0) {
            return;
          }
          try {
            TimeUnit.NANOSECONDS.timedWait(loadDone, left);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }

    /** Reloads now, after any load in progress. */
    boolean reload() {
      if (fixed != null) {
        return true;
      }
      while (!loading.compareAndSet(false, true)) {
        awaitLoad();
        if (Thread.currentThread().isInterrupted()) {
          return false;
        }
      }
      try {
        return load(wallClock.instant());
      } finally {
        endLoad();
      }
    }

    /** Fetches and parses with no lock held (one load at a time, see {@code loading}); then swaps. */
    private boolean load(Instant now) {
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
        PublicKey heldKey = prev == null || suspect || !prev.isFresh(now, maxAgeWithoutNextUpdate)
            ? null : prev.verifiedKeyOrNull();
        if (prev != null && heldKey != null) {
          // Dates are compared only between CRLs signed by the same key (JPKI-2026-005): an unsigned
          // far-future CRL must neither replace a verified current one nor make later genuine CRLs look
          // "older". A CRL the held one's key did not sign waits until the held one is stale.
          if (!next.verifySignature(heldKey)) {
            lastError = "reloaded CRL is not signed by the key that signed the held one";
            return false;
          }
          if (prev.thisUpdate().isAfter(next.thisUpdate())) {
            // never go back to an older CRL (replayed or cached by a proxy)
            lastError = "reloaded CRL is older than the one held";
            return false;
          }
        }
        // a held CRL that never verified, or is stale, is replaced by whatever loads: it proves nothing
        index = next;
        suspect = false;
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
    /** One whole CRL download (connect, headers and body), whatever the server trickles. */
    private Duration timeout = Duration.ofSeconds(30);
    /** J-LIS CRLs may hold millions of entries; the compact index keeps ~9 bytes per entry. */
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
     * Sets the deadline of one whole HTTP exchange, body included (default 30 s).
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
