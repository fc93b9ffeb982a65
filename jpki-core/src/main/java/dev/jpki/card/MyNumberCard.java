// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import dev.jpki.internal.Apdu;
import dev.jpki.apdu.ApplicationNotFoundException;
import dev.jpki.internal.CardChannel;
import dev.jpki.apdu.CardStatusException;
import dev.jpki.apdu.CardTransport;
import dev.jpki.JpkiException;
import dev.jpki.apdu.MalformedResponseException;
import dev.jpki.internal.Response;
import dev.jpki.apdu.SecurityStatusException;
import dev.jpki.internal.StatusWord;
import dev.jpki.apdu.TransportCapabilities;
import dev.jpki.apdu.TransportException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session with one My Number Card (or smartphone JPKI token) over any {@link CardTransport}.
 *
 * <p>The card is recognised by SELECTing its applications, never by its ATR (contactless readers make
 * the ATR up, docs/card-protocol.md §1). Opening a session sends nothing; the first operation selects what it needs, and
 * a card without the application answers with {@link ApplicationNotFoundException}.
 *
 * <p>The session remembers the selected application (DF) and file (EF), so it never sends a redundant
 * SELECT, and which credentials are verified. Selecting another application clears the card's verified
 * state (docs/card-protocol.md §5.3), and the session tracks that too: signing after switching applications fails with a
 * {@link SecurityStatusException} that says so. Files read in this session are kept in memory (wiped on
 * {@link #close()}) so reading them again costs no APDU.
 *
 * <p>After a transport failure or an unparseable response the session stays open, but forgets what the
 * card had selected and verified and the files it read (the card may have been reset, removed or
 * replaced): the next operation selects again, and a credential must be verified again. A session never
 * closes itself; only {@link #close()} does.
 *
 * <p>Exclusive access (docs/card-protocol.md §16): the session asks the transport for exclusive use of
 * the card for one operation at a time (a VERIFY, a VERIFY with the read or signature it unlocks in one
 * call, a signature) and releases it before returning, so it never holds a PC/SC transaction across the
 * user's think-time (Windows resets a card whose transaction is idle for more than 5 seconds). If the card
 * was reset anyway (another program, the reader, the system), the transport reports it, the session
 * forgets what was verified, and a later operation that needs a credential fails with a
 * {@link SecurityStatusException} saying the verified state was lost. The session never sends a PIN again
 * on the caller's behalf.
 *
 * <p>Threading: a session is confined to one thread, like its transport; it is not thread-safe and
 * starts no threads. The first thread that calls one of its operations owns it (opening sends nothing, so
 * a session may be opened on one thread and used on another); any operation from another thread fails
 * with an {@link IllegalStateException} that names both threads, before anything reaches the card
 * ({@code javax.smartcardio} also ties exclusive access to the thread that began it).
 * {@link #close()}, {@link #isClosed()} and {@link #toString()} work from any thread. {@code close()}
 * closes the transport (the session owns it) and never resets the card itself; whether the transport
 * resets on close is the transport's option.
 *
 * <pre>{@code
 * try (MyNumberCard card = MyNumberCard.open(transport)) {
 *   X509Certificate cert = card.jpki().authCertificate();
 * }
 * }</pre>
 */
public final class MyNumberCard implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MyNumberCard.class);

  static final int NO_EF = SecurityState.NO_EF;
  private static final int INS_SELECT = 0xA4;
  private static final int INS_VERIFY = 0x20;
  private static final int INS_CHANGE_REFERENCE_DATA = 0x24;

  private final CardTransport transport;
  private final CardChannel channel;
  private final SecurityState state = new SecurityState();
  private final FileCache files = new FileCache();
  private @Nullable TokenType token;
  private boolean closed;
  /** Nesting depth of {@link #exclusively}; exclusive access is held while it is above 0. */
  private int exclusiveDepth;
  /** The thread that first used this session: the only one allowed to use it (see the class comment). */
  private final AtomicReference<@Nullable Thread> owner = new AtomicReference<>();

  private @Nullable JpkiApplet jpki;
  private @Nullable TextApplet text;
  private @Nullable VisualApplet visual;
  private @Nullable CommonApplet common;

  private MyNumberCard(CardTransport transport) {
    this.transport = transport;
    this.channel = new CardChannel(transport);
  }

  /**
   * Opens a session. Sends no APDU; the session owns the transport from now on.
   *
   * @param transport a connected transport
   * @return the session
   */
  public static MyNumberCard open(CardTransport transport) {
    return new MyNumberCard(transport);
  }

  /**
   * The JPKI application: certificates, keys, PINs. Sends nothing until an operation is called.
   *
   * @return the applet bound to this session
   * @throws IllegalStateException if the session is closed
   */
  public JpkiApplet jpki() {
    checkOpen();
    JpkiApplet a = jpki;
    if (a == null) {
      a = new JpkiApplet(this);
      jpki = a;
    }
    return a;
  }

  /**
   * The text application (券面事項入力補助AP): My Number, basic 4 info, integrity data.
   *
   * @return the applet bound to this session
   * @throws IllegalStateException if the session is closed
   */
  public TextApplet text() {
    checkOpen();
    TextApplet a = text;
    if (a == null) {
      a = new TextApplet(this);
      text = a;
    }
    return a;
  }

  /**
   * The visual application (券面事項確認AP): card face, age record, card-key challenge.
   *
   * @return the applet bound to this session
   * @throws IllegalStateException if the session is closed
   */
  public VisualApplet visual() {
    checkOpen();
    VisualApplet a = visual;
    if (a == null) {
      a = new VisualApplet(this);
      visual = a;
    }
    return a;
  }

  /**
   * The common-card application: serial number, municipality, expiry; the common PIN.
   *
   * @return the applet bound to this session
   * @throws IllegalStateException if the session is closed
   */
  public CommonApplet common() {
    checkOpen();
    CommonApplet a = common;
    if (a == null) {
      a = new CommonApplet(this);
      common = a;
    }
    return a;
  }

  /**
   * Everything a "card info" screen needs, without spending any try: the token type (JPKI EF 0006), the
   * applications that answer SELECT, and the state of every credential (empty VERIFY, docs/card-protocol.md §4.2).
   *
   * <p>Costs one SELECT per application, two APDUs for the token label and two per credential (SELECT of
   * the key reference, empty VERIFY): 27 APDUs on a card with all five applications. Any answer but
   * {@code 9000} to the SELECT of an optional application (text, visual, common, juki) means "not present"
   * (smartphone tokens and cards without some applications answer differently, docs/card-protocol.md §16);
   * for the JPKI AP only {@code 6A82} does, any other refusal is an error.
   *
   * @return the card info
   * @throws ApplicationNotFoundException if none of the applications answers: not a My Number Card
   * @throws MalformedResponseException if the token label is unreadable
   * @throws CardStatusException if the card refuses a query in an unexpected way
   * @throws TransportException if the exchange fails
   */
  public CardInfo info() throws JpkiException {
    checkOpen();
    List<Application> present = new ArrayList<>();
    List<PinStatus> statuses = new ArrayList<>();
    TokenType tokenType = null;
    for (Application app : Application.values()) {
      try {
        select(app);
      } catch (ApplicationNotFoundException e) {
        log.debug("{} not present", app);
        continue;
      } catch (CardStatusException e) {
        if (app == Application.JPKI) {
          throw e; // the one application every card and token has: another answer is a real error
        }
        int sw1 = e.sw() >>> 8;
        if ((sw1 & 0xF0) != 0x60 && (sw1 & 0xF0) != 0x90) {
          // Not an ISO 7816 status word (SW1 6X or 9X) at all: a garbled response, not a card saying
          // "no such application" (found by FaultInjectionTest: garbage made info() drop the common AP).
          throw e;
        }
        // Optional applications: a smartphone token or another card may answer anything but 9000.
        log.debug("{} not present (SELECT answered {})", app, StatusWord.toHex(e.sw()));
        continue;
      }
      present.add(app);
      if (app == Application.JPKI) {
        tokenType = token();
      }
      for (PinType type : app.pinTypes()) {
        statuses.add(pinStatus(app, type));
      }
    }
    if (present.isEmpty()) {
      throw new ApplicationNotFoundException(INS_SELECT,
          "not a My Number Card: none of its applications answered SELECT with 9000");
    }
    return new CardInfo(tokenType, present, statuses);
  }

  /**
   * The capabilities of the transport (short or extended APDUs), which decide how many READ BINARY
   * commands a file costs.
   *
   * @return the capabilities
   */
  public TransportCapabilities capabilities() {
    return channel.capabilities();
  }

  /**
   * Whether an extended READ BINARY failed in this session (a transport error, {@code 6700}, {@code 6Cxx}
   * or a short answer before the end of the file), so the session reads in 256-byte chunks from then on.
   * Only READ BINARY is ever repeated after such a failure; a VERIFY or a signature never is.
   *
   * @return true after the fallback to short reads
   */
  public boolean fellBackToShortReads() {
    return channel.fellBackToShortReads();
  }

  /**
   * The largest response data one extended READ BINARY delivered correctly in this session: evidence of
   * what this reader and card carry (docs/card-protocol.md §16).
   *
   * @return bytes, or 0 if no response above 256 bytes was received
   */
  public int provenResponseData() {
    return channel.provenResponseData();
  }

  /**
   * The application the card has selected, as far as this session knows (empty before the first
   * SELECT and after a failure that leaves the card's state unknown).
   *
   * @return the selected application
   */
  public Optional<Application> selectedApplication() {
    return Optional.ofNullable(state.currentDf());
  }

  /** @return whether {@link #close()} was called */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Wipes the files read in this session and closes the transport. Sends nothing to the card (no reset:
   * other programs using the card keep their state, docs/card-protocol.md §16). Idempotent, never throws.
   *
   * <p>Consequence: a credential verified in this session stays verified on the card after close, until the
   * card is reset, removed or powered off or another application is selected. Where that must not happen
   * (a shared kiosk reader), open the transport with a reset on close, e.g. {@code
   * PcscTransport.Options.builder().resetOnClose(true)}.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    forgetCardState(false);
    if (exclusiveDepth > 0) {
      exclusiveDepth = 0;
      transport.endExclusive();
    }
    transport.close();
  }

  /** @return {@code MyNumberCard[open, DF=JPKI]}: no card data */
  @Override
  public String toString() {
    return "MyNumberCard[" + (closed ? "closed" : "open") + ", DF=" + (state.currentDf() == null ? "-" : state.currentDf()) + "]";
  }

  // ---------------------------------------------------------------------------------------------
  // Machinery for the applets (package-private).

  void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the card session is closed");
    }
    checkThread();
  }

  /**
   * Binds the session to the first thread that uses it and refuses every other one: two threads
   * interleaving APDUs would select files and verify PINs under each other's feet.
   */
  private void checkThread() {
    Thread current = Thread.currentThread();
    Thread first = owner.get();
    if (first == null && owner.compareAndSet(null, current)) {
      return;
    }
    first = owner.get();
    if (first != current) {
      throw new IllegalStateException("this card session is confined to the thread that first used it (\""
          + (first == null ? "?" : first.getName()) + "\") but was called from thread \"" + current.getName()
          + "\"; a session and its transport are not thread-safe: use each session from one thread, or open "
          + "one session per thread");
    }
  }

  /**
   * Runs one operation with the transport's exclusive access (a PC/SC transaction), released before
   * returning so no transaction stays open across user think-time. Nested calls share the outer hold.
   */
  <T> T exclusively(ChannelCall<T> operation) throws JpkiException {
    checkOpen();
    if (exclusiveDepth == 0) {
      try {
        transport.beginExclusive();
      } catch (TransportException e) {
        forgetCardState(isReset(e));
        throw e;
      }
    }
    exclusiveDepth++;
    try {
      return operation.run();
    } finally {
      if (exclusiveDepth > 0 && --exclusiveDepth == 0) {
        transport.endExclusive();
      }
    }
  }

  /** Transmits, forgetting the card state when the exchange fails (the card may have been reset). */
  Response transmit(Apdu command) throws JpkiException {
    checkOpen();
    try {
      return channel.transmit(command);
    } catch (TransportException e) {
      forgetCardState(isReset(e));
      throw e;
    } catch (MalformedResponseException e) {
      forgetCardState(false);
      throw e;
    }
  }

  private static boolean isReset(TransportException e) {
    return e.reason() == TransportException.Reason.CARD_RESET;
  }

  /**
   * After a failed exchange the card may have been reset, removed or replaced: forget what it had
   * selected and verified, and the files read from it.
   */
  private void forgetCardState(boolean reset) {
    state.forget(reset);
    files.wipe();
    token = null;
  }

  /** SELECT DF unless it is the current one; clears the verified state (docs/card-protocol.md §5.3). */
  void select(Application app) throws JpkiException {
    checkOpen();
    if (state.currentDf() == app) {
      return;
    }
    Application previous = state.currentDf();
    state.selectingDf();
    Response r = transmit(Apdu.of(0x00, INS_SELECT, 0x04, 0x0C, app.aid(), 0));
    if (!r.isSuccess()) {
      state.dfRefused();
      if (r.sw() == StatusWord.FILE_NOT_FOUND) {
        throw new ApplicationNotFoundException(INS_SELECT, "SELECT " + app.label()
            + " refused: SW=" + StatusWord.describe(r.sw()) + "; the card has no " + app.label()
            + (app == Application.JPKI ? " (not a My Number Card or JPKI token)" : ""));
      }
      throw StatusWord.refusal(r.sw(), INS_SELECT, "SELECT " + app.label());
    }
    state.dfSelected(previous, app);
  }

  /** SELECT EF (or key reference) in {@code app} unless it is the current one. */
  void selectEf(Application app, int fid) throws JpkiException {
    select(app);
    if (state.currentEf() == fid) {
      return;
    }
    state.selectingEf();
    Response r = transmit(Apdu.of(0x00, INS_SELECT, 0x02, 0x0C, new byte[] {(byte) (fid >> 8), (byte) fid}, 0));
    if (!r.isSuccess()) {
      // 6A82 here is a missing file, not a missing application: a plain status exception.
      throw new CardStatusException(r.sw(), INS_SELECT, "SELECT " + source(app, fid) + " refused: SW="
          + StatusWord.describe(r.sw()));
    }
    state.efSelected(fid);
  }

  static String source(Application app, int fid) {
    return app.label() + " EF " + CardChannel.fidHex(fid);
  }

  /** The whole BER-TLV object of an EF, read once per session (docs/card-protocol.md §3.3). */
  byte[] readTlvFile(Application app, int fid) throws JpkiException {
    return readFile(app, fid, app.name() + "/" + fid, () -> channel.readTlvFile(source(app, fid)));
  }

  /** Exactly {@code length} bytes of an EF from offset 0, read once per session. */
  byte[] readFixedFile(Application app, int fid, int length) throws JpkiException {
    return readFile(app, fid, app.name() + "/" + fid + "/" + length, () -> channel.readFixed(length, source(app, fid)));
  }

  private byte[] readFile(Application app, int fid, String key, ChannelCall<byte[]> read) throws JpkiException {
    byte[] cached = files.get(key);
    if (cached != null) {
      return cached;
    }
    selectEf(app, fid);
    byte[] data;
    try {
      data = read.run();
    } catch (TransportException e) {
      forgetCardState(isReset(e));
      throw e;
    }
    files.put(key, data);
    return data;
  }

  /** An operation on the card that may fail with a {@link JpkiException}. */
  @FunctionalInterface
  interface ChannelCall<T> {
    T run() throws JpkiException;
  }

  /** The token label of JPKI EF 0006, read once per session. */
  TokenType token() throws JpkiException {
    TokenType t = token;
    if (t == null) {
      t = TokenType.parse(readFixedFile(Application.JPKI, 0x0006, TokenType.LABEL_LENGTH), source(Application.JPKI, 0x0006));
      token = t;
    }
    return t;
  }

  /** Reads a credential's counter with the empty VERIFY (docs/card-protocol.md §4.2); spends no try. */
  PinStatus pinStatus(Application app, PinType type) throws JpkiException {
    int keyRef = app.keyReference(type);
    try {
      selectEf(app, keyRef);
    } catch (CardStatusException e) {
      if (e.sw() == StatusWord.FILE_NOT_FOUND && !(e instanceof ApplicationNotFoundException)) {
        return PinStatusWords.notPresent(app, type);
      }
      throw e;
    }
    return query(app, type);
  }

  private PinStatus query(Application app, PinType type) throws JpkiException {
    Response r = transmit(Apdu.of(0x00, INS_VERIFY, 0x00, 0x80));
    PinStatus status = PinStatusWords.query(app, type, r.sw());
    if (status.state() == PinStatus.State.VERIFIED) {
      state.markVerified(app, type);
    }
    log.debug("{} {} status {}", app, type, status.state());
    return status;
  }

  /**
   * Checks a credential under the PIN safety contract: exactly one VERIFY with data, never retried;
   * unless {@link VerifyOption#ALLOW_LAST_TRY} is given, the counter is read first with the free empty
   * VERIFY and a blocked credential or the last try is refused without sending the value. Runs with
   * exclusive access (joining the caller's hold if it has one).
   */
  void verify(Application app, Pin pin, VerifyOption... options) throws JpkiException {
    checkOpen();
    pin.checkOpen();
    exclusively(() -> {
      verifyHeld(app, pin, options);
      return Boolean.TRUE;
    });
  }

  private void verifyHeld(Application app, Pin pin, VerifyOption... options) throws JpkiException {
    PinType type = pin.type();
    int keyRef = app.keyReference(type);
    boolean allowLastTry = false;
    for (VerifyOption o : options) {
      allowLastTry |= o == VerifyOption.ALLOW_LAST_TRY;
    }
    selectKeyReference(app, type, keyRef);
    if (!allowLastTry) {
      PinStatus status = query(app, type);
      if (status.isBlocked() || status.isLastTry()) {
        throw PinStatusWords.refusal(status);
      }
    }
    log.debug("Verifying {} in {}", type, app);
    byte[] value = pin.encodeForCard();
    Response r;
    try {
      r = transmit(Apdu.of(0x00, INS_VERIFY, 0x00, 0x80, value, 0).asSensitive());
    } finally {
      Arrays.fill(value, (byte) 0);
    }
    if (r.isSuccess()) {
      state.markVerified(app, type);
      return;
    }
    state.markNotVerified(type);
    throw PinStatusWords.verifyFailure(app, type, r.sw());
  }

  private void selectKeyReference(Application app, PinType type, int keyRef) throws JpkiException {
    try {
      selectEf(app, keyRef);
    } catch (CardStatusException e) {
      if (e.sw() == StatusWord.FILE_NOT_FOUND && !(e instanceof ApplicationNotFoundException)) {
        throw new CardStatusException(e.sw(), INS_SELECT, "the " + type.label() + " is not present in the "
            + app.label() + " (key reference " + CardChannel.fidHex(keyRef) + " not found; PIN-less face-auth cards have none)");
      }
      throw e;
    }
  }

  /**
   * Verifies {@code current} and replaces it with {@code replacement} (CHANGE REFERENCE DATA {@code 00 24
   * 01 80}), both under one exclusive hold.
   */
  void changeReferenceData(Application app, Pin current, Pin replacement, VerifyOption... options)
      throws JpkiException {
    checkOpen();
    if (current.type() != replacement.type()) {
      throw new IllegalArgumentException("the new value must be a " + current.type().label());
    }
    replacement.checkOpen();
    current.checkOpen();
    exclusively(() -> {
      verifyHeld(app, current, options);
      log.debug("Changing {} in {}", current.type(), app);
      byte[] value = replacement.encodeForCard();
      Response r;
      try {
        r = transmit(Apdu.of(0x00, INS_CHANGE_REFERENCE_DATA, 0x01, 0x80, value, 0).asSensitive());
      } finally {
        Arrays.fill(value, (byte) 0);
      }
      if (!r.isSuccess()) {
        throw StatusWord.refusal(r.sw(), INS_CHANGE_REFERENCE_DATA,
            "CHANGE REFERENCE DATA of the " + current.type().label() + " in the " + app.label());
      }
      return Boolean.TRUE;
    });
  }

  /** Whether the session saw {@code type} verified in {@code app} and nothing has cleared it since. */
  boolean isVerified(Application app, PinType type) {
    return state.isVerified(app, type);
  }

  /** Why an operation that needs {@code type} got {@code 6982}, from what this session saw. */
  String notVerifiedReason(Application app, PinType type) {
    return state.notVerifiedReason(app, type);
  }

  /**
   * Sends a command with COMPUTE DIGITAL SIGNATURE semantics (data marked sensitive) and returns the
   * signature; {@code 6982} becomes a {@link SecurityStatusException} that says which credential is
   * missing. Never repeated: a failed signature is reported, not retried.
   */
  byte[] computeSignature(Application app, int p2, byte[] input, @Nullable PinType needs, String what)
      throws JpkiException {
    Response r = transmit(Apdu.of(0x80, 0x2A, 0x00, p2, input, 256).asSensitive());
    if (r.isSuccess()) {
      if (r.dataLength() == 0) {
        throw new MalformedResponseException(what, 0, "the card returned no signature");
      }
      return r.data();
    }
    if (r.sw() == StatusWord.SECURITY_STATUS_NOT_SATISFIED) {
      String reason = needs == null ? "the card requires a credential first" : notVerifiedReason(app, needs);
      throw new SecurityStatusException(0x2A, what + " refused: SW=6982 (security status not satisfied): " + reason);
    }
    throw StatusWord.refusal(r.sw(), 0x2A, what);
  }

  /**
   * Maps a {@code 6982} from reading a protected file to a message naming the credentials that open it.
   */
  SecurityStatusException readRefused(Application app, int fid, String opensWith, SecurityStatusException e) {
    return new SecurityStatusException(e.ins(), "reading " + source(app, fid) + " refused: SW=6982 (security "
        + "status not satisfied): it opens with " + opensWith + ", verified in this session after selecting the "
        + app.label());
  }
}
