// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.card;

import dev.jpki.testkit.transport.VirtualCardTransport;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import javax.crypto.Cipher;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A virtual My Number Card: a plain-Java, stateful APDU processor built from a {@link CardProfile}.
 *
 * <p>It follows the simulator model of docs/card-protocol.md (§12) and the command set of §3: SELECT by AID and
 * by FID, READ BINARY (offset and SFI forms, short and extended Le), READ RECORD, VERIFY (including
 * the empty VERIFY that reads the retry counter), CHANGE REFERENCE DATA, CHANGE KEY, COMPUTE DIGITAL
 * SIGNATURE (P1 schemes {@code 00-05}, P2 {@code 80}, SFI and the AP default key), INTERNAL
 * AUTHENTICATE, GET CHALLENGE and GET DATA. Everything the middleware of docs/card-protocol.md §15 sends is answered
 * as §15 requires.
 *
 * <p>State: the current DF (power-on: {@link Application#MF}), the current EF, per-key retry
 * counters (non-volatile: they survive {@link #reset()}), changed PINs (non-volatile), and per-DF
 * verified flags (volatile).
 *
 * <p>Thread safety: all public methods are synchronized, so a vpcd bridge thread and a test thread
 * may share one card.
 *
 * <p>Security: APDUs are logged at trace level as header and lengths only, never their data.
 */
public final class VirtualMyNumberCard implements ApduProcessor {
  private static final Logger log = LoggerFactory.getLogger(VirtualMyNumberCard.class);

  // Status words, docs/card-protocol.md §3.4: the virtual card keeps its own table, an oracle independent
  // of the SDK's (a wrong constant in the SDK must not be mirrored by the card it is tested against).
  static final int SW_OK = 0x9000;
  static final int SW_WRONG_LENGTH = 0x6700;
  static final int SW_LOGICAL_CHANNEL_NOT_SUPPORTED = 0x6881;
  static final int SW_SECURE_MESSAGING_NOT_SUPPORTED = 0x6882;
  /** ISO 7816-4: command chaining not supported. */
  static final int SW_CHAINING_NOT_SUPPORTED = 0x6884;
  static final int SW_INCOMPATIBLE_FILE_STRUCTURE = 0x6981;
  static final int SW_SECURITY_STATUS_NOT_SATISFIED = 0x6982;
  static final int SW_AUTH_METHOD_BLOCKED = 0x6984;
  static final int SW_CONDITIONS_NOT_SATISFIED = 0x6985;
  static final int SW_NO_CURRENT_EF = 0x6986;
  /** ISO 7816-4: function not supported ([MC card.rs]: multi-record READ RECORD). */
  static final int SW_FUNCTION_NOT_SUPPORTED = 0x6A81;
  /** ISO 7816-4: record not found. */
  static final int SW_RECORD_NOT_FOUND = 0x6A83;
  static final int SW_FILE_NOT_FOUND = 0x6A82;
  static final int SW_INCORRECT_P1P2 = 0x6A86;
  static final int SW_DATA_NOT_FOUND = 0x6A88;
  static final int SW_WRONG_OFFSET = 0x6B00;
  static final int SW_INS_NOT_SUPPORTED = 0x6D00;
  static final int SW_CLA_NOT_SUPPORTED = 0x6E00;
  static final int SW_UNKNOWN = 0x6F00;
  /** 63Cx: x tries left (docs/card-protocol.md §3.4). */
  static final int SW_TRIES_LEFT_BASE = 0x63C0;

  // Instructions, docs/card-protocol.md §3.1.
  static final int INS_VERIFY = 0x20;
  static final int INS_CHANGE_REFERENCE_DATA = 0x24;
  static final int INS_COMPUTE_SIGNATURE = 0x2A;
  static final int INS_CHANGE_KEY = 0x32;
  static final int INS_GET_CHALLENGE = 0x84;
  static final int INS_INTERNAL_AUTHENTICATE = 0x88;
  static final int INS_SELECT = 0xA4;
  static final int INS_READ_BINARY = 0xB0;
  static final int INS_READ_RECORD = 0xB2;
  static final int INS_GET_RESPONSE = 0xC0;
  static final int INS_GET_DATA = 0xCA;
  static final int INS_LAST_COMMAND = 0xFC;

  /** GlobalPlatform default ISD; selecting it restores the power-on MF state (docs/card-protocol.md §2, §8). */
  private static final byte[] ISD_AID = {(byte) 0xA0, 0x00, 0x00, 0x01, 0x51, 0x00, 0x00};

  private static final byte[] SHA256_DIGEST_INFO_PREFIX = {
    0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, (byte) 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
    0x05, 0x00, 0x04, 0x20
  };

  private static final int KIND_TRANSPARENT = 1;
  private static final int KIND_RECORD = 2;
  private static final int KIND_CREDENTIAL = 3;
  private static final int KIND_KEY = 4;

  /** Runtime state of one (DF, FID). Credentials carry mutable counters and the verified flag. */
  private static final class Node {
    @SuppressWarnings("UnusedVariable") // not read by the card: names the node in a debugger or heap dump
    final int fid;
    final int kind;
    final byte[] content;
    final byte[][] records;
    final Access access;
    final @Nullable RSAPrivateKey key;
    // credential state
    byte[] value;
    final int maxTries;
    int triesLeft;
    boolean verified;

    Node(int fid, CardProfile.Entry e) {
      this.fid = fid;
      byte[] c = new byte[0];
      byte[][] r = new byte[0][];
      Access a = Access.never();
      RSAPrivateKey k = null;
      byte[] v = new byte[0];
      int max = 0;
      int left = 0;
      if (e instanceof CardProfile.TransparentFile tf) {
        kind = KIND_TRANSPARENT;
        c = tf.content;
        a = tf.readAccess;
      } else if (e instanceof CardProfile.RecordFile rf) {
        kind = KIND_RECORD;
        r = rf.records;
        a = rf.readAccess;
      } else if (e instanceof CardProfile.Credential cr) {
        kind = KIND_CREDENTIAL;
        v = cr.value.clone(); // mutable: CHANGE REFERENCE DATA replaces it
        max = cr.maxTries;
        left = cr.triesLeft;
      } else if (e instanceof CardProfile.SigningKey sk) {
        kind = KIND_KEY;
        k = sk.key;
        a = sk.useAccess;
      } else {
        throw new IllegalArgumentException("unknown profile entry " + e.getClass());
      }
      this.content = c;
      this.records = r;
      this.access = a;
      this.key = k;
      this.value = v;
      this.maxTries = max;
      this.triesLeft = left;
    }
  }

  /** One DF: sorted FIDs for allocation-free binary search. */
  private static final class Df {
    @SuppressWarnings("UnusedVariable") // not read by the card: names the DF in a debugger or heap dump
    final Application app;
    final int[] fids;
    final Node[] nodes;
    final @Nullable RSAPrivateKey cardKey;

    Df(Application app, Map<Integer, CardProfile.Entry> entries, @Nullable RSAPrivateKey cardKey) {
      this.app = app;
      this.fids = new int[entries.size()];
      this.nodes = new Node[entries.size()];
      int i = 0;
      for (Map.Entry<Integer, CardProfile.Entry> me : entries.entrySet()) { // TreeMap: sorted
        fids[i] = me.getKey();
        nodes[i] = new Node(me.getKey(), me.getValue());
        i++;
      }
      this.cardKey = cardKey;
    }

    @Nullable Node find(int fid) {
      int lo = 0;
      int hi = fids.length - 1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        int f = fids[mid];
        if (f < fid) {
          lo = mid + 1;
        } else if (f > fid) {
          hi = mid - 1;
        } else {
          return nodes[mid];
        }
      }
      return null;
    }

    void clearSecurity() {
      for (Node n : nodes) {
        n.verified = false;
      }
    }

    boolean anyVerified() {
      for (Node n : nodes) {
        if (n.verified) {
          return true;
        }
      }
      return false;
    }
  }

  private final CardProfile profile;
  private final EnumMap<Application, Df> dfs = new EnumMap<>(Application.class);
  private final boolean clearSecurityOnDfSelect;
  private final boolean cardKeyRequiresCredential;
  private final Random random;
  private final ParsedCommand cmd = new ParsedCommand();

  private Application currentDf = Application.MF;
  private @Nullable Node currentEf;
  private long rsaOperations;
  /** The status word {@link #keyRef(int)} wants answered when it returns null. */
  private int refusal;

  private VirtualMyNumberCard(Builder b) {
    this.profile = b.profile;
    this.clearSecurityOnDfSelect = b.clearSecurityOnDfSelect;
    this.cardKeyRequiresCredential = b.cardKeyRequiresCredential;
    Random r = b.random;
    this.random = r != null ? r : new SecureRandom();
    for (Application app : profile.applications()) {
      dfs.put(app, new Df(app, profile.entries(app), profile.cardKey(app)));
    }
  }

  /**
   * Creates a card in its power-on state with the default behaviour options.
   *
   * @param profile the files, keys and credentials
   * @return a new card
   */
  public static VirtualMyNumberCard create(CardProfile profile) {
    return builder(profile).build();
  }

  /**
   * Starts a builder for a card with non-default behaviour options (docs/card-protocol.md's UNCONFIRMED points).
   *
   * @param profile the files, keys and credentials
   * @return a new builder
   */
  public static Builder builder(CardProfile profile) {
    return new Builder(profile);
  }

  /**
   * An in-process transport to this card with default capabilities (extended length, responses up to
   * 65538 bytes) and no simulated latency. Use {@link VirtualCardTransport#builder(ApduProcessor)}
   * for other settings, latency and fault injection.
   *
   * @return a new transport; each call returns a new one with its own counters
   */
  public VirtualCardTransport transport() {
    return VirtualCardTransport.of(this);
  }

  /**
   * The profile this card was created from. Counters and PIN changes made through APDUs are not
   * reflected in it.
   *
   * @return the profile
   */
  public CardProfile profile() {
    return profile;
  }

  @Override
  public synchronized byte[] atr() {
    return profile.atr();
  }

  @Override
  public synchronized void reset() {
    // docs/card-protocol.md §12, §15: power on/off and reset clear volatile state; counters and PINs persist.
    for (Df df : dfs.values()) {
      df.clearSecurity();
    }
    currentDf = Application.MF;
    currentEf = null;
    log.trace("card reset");
  }

  /**
   * The currently selected application ({@link Application#MF} after power-on or ISD selection).
   *
   * @return the current DF
   */
  public synchronized Application currentApplication() {
    return currentDf;
  }

  /**
   * The tries left on a credential, as an empty VERIFY would report them.
   *
   * @param app the application
   * @param fid the key-reference FID
   * @return the tries left, or empty if there is no such credential
   */
  public synchronized OptionalInt triesLeft(Application app, int fid) {
    Df df = dfs.get(app);
    Node n = df == null ? null : df.find(fid);
    return n != null && n.kind == KIND_CREDENTIAL ? OptionalInt.of(n.triesLeft) : OptionalInt.empty();
  }

  /**
   * Whether a credential is currently verified (volatile security state).
   *
   * @param app the application
   * @param fid the key-reference FID
   * @return true if verified in this session
   */
  public synchronized boolean isVerified(Application app, int fid) {
    Df df = dfs.get(app);
    Node n = df == null ? null : df.find(fid);
    return n != null && n.kind == KIND_CREDENTIAL && n.verified;
  }

  @Override
  public synchronized long rsaOperationCount() {
    return rsaOperations;
  }

  @Override
  public synchronized byte[] process(byte[] command) {
    byte[] response;
    try {
      response = dispatch(command);
    } catch (RuntimeException | GeneralSecurityException e) {
      // Never throw out of process(): a real card answers something. The message is safe to log
      // (our own code, no APDU data), the stack trace helps find simulator bugs.
      log.warn("internal error in virtual card, answering 6F00: {}", e.getClass().getName(), e);
      response = sw(SW_UNKNOWN);
    }
    if (log.isTraceEnabled()) {
      log.trace("APDU {}", describeForLog(command, response));
    }
    return response;
  }

  /**
   * The log line for one exchange: header, Lc, Le, SW and response length. Never command or
   * response data: the data may be a PIN or personal data (docs/conventions.md §7).
   */
  static String describeForLog(byte[] command, byte[] response) {
    StringBuilder sb = new StringBuilder(48);
    int n = command.length;
    if (n >= 4) {
      sb.append(String.format("%02X %02X %02X %02X", command[0], command[1], command[2],
          command[3]));
    } else {
      sb.append('(').append(n).append(" bytes)");
    }
    ParsedCommand view = new ParsedCommand();
    if (view.parse(command)) {
      sb.append(" Lc=").append(view.lc).append(" Le=").append(view.hasLe ? view.ne : 0);
    } else {
      sb.append(" malformed length=").append(n);
    }
    return sb.append(" -> SW=").append(String.format("%04X", swOf(response)))
        .append(" len=").append(response.length - 2).toString();
  }

  private static int swOf(byte[] r) {
    return ((r[r.length - 2] & 0xFF) << 8) | (r[r.length - 1] & 0xFF);
  }

  private byte[] dispatch(byte[] command) throws GeneralSecurityException {
    ParsedCommand c = cmd;
    if (!c.parse(command)) {
      return sw(SW_WRONG_LENGTH); // too short, or Lc/Le inconsistent with the length (docs/card-protocol.md §3.4)
    }
    int claSw = checkCla(c.cla);
    if (claSw != 0) {
      return sw(claSw);
    }
    boolean proprietary = (c.cla & 0x80) != 0;
    switch (c.ins) {
      case INS_SELECT:
        return proprietary ? sw(SW_CLA_NOT_SUPPORTED) : select(c);
      case INS_READ_BINARY:
        return proprietary ? sw(SW_CLA_NOT_SUPPORTED) : readBinary(c);
      case INS_READ_RECORD:
        return proprietary ? sw(SW_CLA_NOT_SUPPORTED) : readRecord(c);
      case INS_VERIFY:
        return proprietary ? sw(SW_CLA_NOT_SUPPORTED) : verify(c);
      case INS_CHANGE_REFERENCE_DATA:
        return proprietary ? sw(SW_CLA_NOT_SUPPORTED) : changeReference(c, 0x01);
      case INS_CHANGE_KEY:
        // JICSAP CHANGE KEY: 共通カードAP / 住基AP only (docs/card-protocol.md §3.1, §8)
        if (currentDf != Application.COMMON && currentDf != Application.JUKI) {
          return sw(SW_INS_NOT_SUPPORTED);
        }
        return proprietary ? changeReference(c, 0x00) : sw(SW_CLA_NOT_SUPPORTED);
      case INS_COMPUTE_SIGNATURE:
        return proprietary ? computeSignature(c) : sw(SW_CLA_NOT_SUPPORTED);
      case INS_INTERNAL_AUTHENTICATE:
        return proprietary ? sw(SW_CLA_NOT_SUPPORTED) : internalAuthenticate(c);
      case INS_GET_CHALLENGE:
        return proprietary ? sw(SW_CLA_NOT_SUPPORTED) : getChallenge(c);
      case INS_GET_DATA:
        return proprietary ? sw(SW_CLA_NOT_SUPPORTED) : getData(c);
      case INS_GET_RESPONSE:
        // The card never answers 61xx (docs/card-protocol.md §3.2), so there is never anything to collect.
        return proprietary ? sw(SW_CLA_NOT_SUPPORTED) : sw(SW_CONDITIONS_NOT_SATISFIED);
      case INS_LAST_COMMAND:
        // docs/card-protocol.md §3.1: the iPhone "last command indicator"; physical cards answer 6700.
        return proprietary ? sw(SW_WRONG_LENGTH) : sw(SW_CLA_NOT_SUPPORTED);
      default:
        // docs/card-protocol.md §15: unknown instructions (middleware probes such as 00 CB) must get 6D00.
        return sw(SW_INS_NOT_SUPPORTED);
    }
  }

  /** Returns 0 if the class byte is acceptable, else the SW to answer. */
  private static int checkCla(int cla) {
    if (cla == 0xFF) {
      return SW_CLA_NOT_SUPPORTED;
    }
    int base = cla & 0xE0;
    if (base == 0x40 || base == 0x60) {
      return SW_LOGICAL_CHANNEL_NOT_SUPPORTED; // further interindustry class: channels 4-19
    }
    if (base != 0x00 && base != 0x80) {
      return SW_CLA_NOT_SUPPORTED;
    }
    if ((cla & 0x10) != 0) {
      return SW_CHAINING_NOT_SUPPORTED;
    }
    if ((cla & 0x03) != 0) {
      return SW_LOGICAL_CHANNEL_NOT_SUPPORTED; // docs/card-protocol.md §1: only channel 0
    }
    if ((cla & 0x0C) != 0) {
      // Secure messaging (text AP, docs/card-protocol.md §6.8) is not simulated.
      return SW_SECURE_MESSAGING_NOT_SUPPORTED;
    }
    return 0;
  }

  // ---------------------------------------------------------------- SELECT (docs/card-protocol.md §3.1, §12.1-2)

  private byte[] select(ParsedCommand c) {
    int p2 = c.p2;
    // P2: 00 = return FCI, 04 = FCP, 0C = no data; "next occurrence" etc. are not supported.
    if (p2 != 0x00 && p2 != 0x04 && p2 != 0x0C) {
      return sw(SW_INCORRECT_P1P2);
    }
    switch (c.p1) {
      case 0x04:
        return selectByName(c);
      case 0x02:
        return selectEf(c);
      case 0x00:
        return selectMfQuirk(c);
      default:
        return sw(SW_INCORRECT_P1P2);
    }
  }

  private byte[] selectByName(ParsedCommand c) {
    if (c.lc < 1 || c.lc > 16) {
      return sw(SW_WRONG_LENGTH);
    }
    // docs/card-protocol.md §15: middleware sends P2=00 with Le or P2=0C with a trailing Le (case 4); both accepted.
    // What FCI the real card returns for P2=00 is not documented; the simulator returns none.
    if (c.lc == ISD_AID.length
        && Arrays.equals(c.buf, c.dataOffset, c.dataOffset + c.lc, ISD_AID, 0,
            ISD_AID.length)) {
      // docs/card-protocol.md §2, §8: selecting the ISD restores the power-on "MF" state.
      leaveDf();
      currentDf = Application.MF;
      return sw(SW_OK);
    }
    // docs/card-protocol.md §2 notes: JICSAP allows prefix selection, but the simulator only selects on the full
    // AID so that an SDK sending a short name fails loudly here rather than on a real card.
    Application app = Application.forAid(c.buf, c.dataOffset, c.lc);
    if (app == null || !dfs.containsKey(app)) {
      return sw(SW_FILE_NOT_FOUND);
    }
    leaveDf();
    currentDf = app;
    return sw(SW_OK);
  }

  /** docs/card-protocol.md §12.1: a DF selection clears the current EF and (by default) the verified keys. */
  private void leaveDf() {
    currentEf = null;
    if (clearSecurityOnDfSelect) {
      // UNCONFIRMED (docs/card-protocol.md §5.3, §13): inferred from [MC sm.rs]; configurable via the builder.
      Df old = dfs.get(currentDf);
      if (old != null) {
        old.clearSecurity();
      }
    }
  }

  private byte[] selectEf(ParsedCommand c) {
    if (c.lc != 2) {
      return sw(SW_WRONG_LENGTH);
    }
    Df df = dfs.get(currentDf);
    if (df == null) {
      return sw(SW_NO_CURRENT_EF); // docs/card-protocol.md §12.2: no DF selected → 6986
    }
    int fid = ((c.buf[c.dataOffset] & 0xFF) << 8) | (c.buf[c.dataOffset + 1] & 0xFF);
    Node n = df.find(fid);
    if (n == null) {
      return sw(SW_FILE_NOT_FOUND);
    }
    currentEf = n;
    return sw(SW_OK);
  }

  private byte[] selectMfQuirk(ParsedCommand c) {
    if (c.lc != 0) {
      // docs/card-protocol.md §2 notes: selecting FID 3F00 answers 6A82; no other P1=00 selection is known.
      return sw(SW_FILE_NOT_FOUND);
    }
    // docs/card-protocol.md §2 notes: 00 A4 00 00 answers 6A86 right after reset and 9000 without changing
    // anything once an AP is selected.
    return sw(currentDf == Application.MF ? SW_INCORRECT_P1P2 : SW_OK);
  }

  // ---------------------------------------------------------------- READ BINARY (docs/card-protocol.md §3.1-3.2)

  private byte[] readBinary(ParsedCommand c) {
    if (c.lc != 0 || !c.hasLe) {
      return sw(SW_WRONG_LENGTH);
    }
    int offset;
    Node ef;
    if ((c.p1 & 0x80) != 0) {
      // P1 = 100x xxxx: SFI in b5-b1, P2 = 8-bit offset (docs/card-protocol.md §3.1).
      if ((c.p1 & 0x60) != 0) {
        return sw(SW_INCORRECT_P1P2);
      }
      int sfi = c.p1 & 0x1F;
      if (sfi == 0 || sfi == 0x1F) {
        return sw(SW_INCORRECT_P1P2);
      }
      Df df = dfs.get(currentDf);
      if (df == null) {
        return sw(SW_FILE_NOT_FOUND); // docs/card-protocol.md §8: no EFs at MF level
      }
      Node n = df.find(sfi);
      if (n == null) {
        return sw(SW_FILE_NOT_FOUND);
      }
      currentEf = n; // the SFI form makes the EF current (JICSAP, [MC card.rs])
      ef = n;
      offset = c.p2;
    } else {
      Node n = currentEf;
      if (n == null) {
        return sw(SW_NO_CURRENT_EF);
      }
      ef = n;
      offset = (c.p1 << 8) | c.p2; // 15-bit offset
    }
    if (ef.kind != KIND_TRANSPARENT) {
      return sw(SW_INCOMPATIBLE_FILE_STRUCTURE); // key refs / record EFs (docs/card-protocol.md §3.4 6981)
    }
    if (!satisfied(ef.access)) {
      return sw(SW_SECURITY_STATUS_NOT_SATISFIED);
    }
    int size = ef.content.length;
    if (offset >= size) {
      return sw(SW_WRONG_OFFSET); // docs/card-protocol.md §3.2 / §12.3: offset ≥ size → 6B00
    }
    // docs/card-protocol.md §3.2: past EOF the card returns the remaining bytes with 9000.
    int n = Math.min(c.ne, size - offset);
    return ok(ef.content, offset, n);
  }

  // ---------------------------------------------------------------- READ RECORD (docs/card-protocol.md §8)

  private byte[] readRecord(ParsedCommand c) {
    if (c.lc != 0 || !c.hasLe) {
      return sw(SW_WRONG_LENGTH);
    }
    int mode = c.p2 & 0x07;
    if (mode == 0x05) {
      return sw(SW_FUNCTION_NOT_SUPPORTED); // "P1 to last": [MC card.rs] some cards answer 6A81
    }
    if (mode != 0x04) {
      return sw(SW_INCORRECT_P1P2);
    }
    int sfi = c.p2 >>> 3;
    Node ef;
    if (sfi != 0) {
      if (sfi == 0x1F) {
        return sw(SW_INCORRECT_P1P2);
      }
      Df df = dfs.get(currentDf);
      Node n = df == null ? null : df.find(sfi);
      if (n == null) {
        return sw(SW_FILE_NOT_FOUND);
      }
      currentEf = n;
      ef = n;
    } else {
      Node n = currentEf;
      if (n == null) {
        return sw(SW_NO_CURRENT_EF);
      }
      ef = n;
    }
    if (ef.kind != KIND_RECORD) {
      return sw(SW_INCOMPATIBLE_FILE_STRUCTURE);
    }
    if (!satisfied(ef.access)) {
      return sw(SW_SECURITY_STATUS_NOT_SATISFIED);
    }
    int rec = c.p1;
    if (rec == 0 || rec > ef.records.length) {
      return sw(SW_RECORD_NOT_FOUND); // record 0 = "current record", never set here
    }
    byte[] r = ef.records[rec - 1];
    return ok(r, 0, Math.min(c.ne, r.length));
  }

  // ---------------------------------------------------------------- VERIFY (docs/card-protocol.md §4.2, §12.4)

  private byte[] verify(ParsedCommand c) {
    if (c.p1 != 0x00) {
      return sw(SW_INCORRECT_P1P2);
    }
    if (c.hasLe) {
      return sw(SW_WRONG_LENGTH); // VERIFY is case 1 (status query) or case 3
    }
    Node key = keyRef(c.p2);
    if (key == null) {
      return sw(refusal);
    }
    if (key.kind != KIND_CREDENTIAL) {
      return sw(SW_INCOMPATIBLE_FILE_STRUCTURE);
    }
    if (c.lc == 0) {
      // docs/card-protocol.md §4.2 / §15: the empty VERIFY reports the counter and never spends a try;
      // a blocked key reports 63C0.
      return sw(SW_TRIES_LEFT_BASE | key.triesLeft);
    }
    if (key.triesLeft == 0) {
      return sw(SW_AUTH_METHOD_BLOCKED); // docs/card-protocol.md §12.4: blocked → 6984 without comparing
    }
    if (constantTimeEquals(key.value, c.buf, c.dataOffset, c.lc)) {
      key.triesLeft = key.maxTries; // docs/card-protocol.md §4.1: only a successful VERIFY resets the counter
      key.verified = true;
      return sw(SW_OK);
    }
    key.triesLeft--;
    key.verified = false;
    // docs/card-protocol.md §3.4: 63Cx with x tries left; 63C0 on the try that exhausts the counter.
    return sw(SW_TRIES_LEFT_BASE | key.triesLeft);
  }

  /**
   * Resolves P2 = 80 (current EF) or 80|SFI (that key, which becomes the current EF). Returns null
   * and leaves the status word to answer in {@link #refusal} if P2 names nothing usable.
   */
  private @Nullable Node keyRef(int p2) {
    if (p2 == 0x80) {
      Node n = currentEf;
      refusal = SW_NO_CURRENT_EF;
      return n;
    }
    if ((p2 & 0xE0) != 0x80 || (p2 & 0x1F) == 0x1F) {
      refusal = SW_INCORRECT_P1P2;
      return null;
    }
    Df df = dfs.get(currentDf);
    Node n = df == null ? null : df.find(p2 & 0x1F);
    if (n == null) {
      refusal = SW_FILE_NOT_FOUND;
      return null;
    }
    currentEf = n;
    return n;
  }

  // ------------------------------------------- CHANGE REFERENCE DATA / CHANGE KEY (docs/card-protocol.md §12.5)

  private byte[] changeReference(ParsedCommand c, int expectedP1) {
    if (c.p1 != expectedP1) {
      return sw(SW_INCORRECT_P1P2);
    }
    if (c.lc == 0 || c.lc > 255 || c.hasLe) {
      return sw(SW_WRONG_LENGTH);
    }
    Node key = keyRef(c.p2);
    if (key == null) {
      return sw(refusal);
    }
    if (key.kind != KIND_CREDENTIAL) {
      return sw(SW_INCOMPATIBLE_FILE_STRUCTURE);
    }
    if (!key.verified) {
      return sw(SW_SECURITY_STATUS_NOT_SATISFIED); // only after VERIFY of the same key
    }
    // The card's own format rules for new values (e.g. 6-16 upper-case alphanumerics for 001B)
    // and their status words are not documented; the simulator accepts any 1..255 bytes.
    key.value = Arrays.copyOfRange(c.buf, c.dataOffset, c.dataOffset + c.lc);
    return sw(SW_OK);
  }

  // --------------------------------------------- COMPUTE DIGITAL SIGNATURE (docs/card-protocol.md §5.3, §12.6-7)

  private byte[] computeSignature(ParsedCommand c) throws GeneralSecurityException {
    int scheme = c.p1;
    if (scheme > 0x05) {
      return sw(SW_INCORRECT_P1P2); // docs/card-protocol.md §5.3: other P1 → 6A86
    }
    RSAPrivateKey key;
    int p2 = c.p2;
    if (p2 == 0x00) {
      // docs/card-protocol.md §3.1, §7.3 step 5: the AP's default (card) key; no credential needed per [MC].
      Df df = dfs.get(currentDf);
      RSAPrivateKey ck = df == null ? null : df.cardKey;
      if (df == null || ck == null) {
        return sw(SW_DATA_NOT_FOUND);
      }
      if (cardKeyRequiresCredential && !df.anyVerified()) {
        // UNCONFIRMED alternative of docs/card-protocol.md §12.7 ("after any opening credential"), off by default.
        return sw(SW_SECURITY_STATUS_NOT_SATISFIED);
      }
      key = ck;
    } else {
      Node n;
      if (p2 == 0x80) {
        n = currentEf;
      } else if ((p2 & 0xE0) == 0x80 && (p2 & 0x1F) != 0x1F) {
        // docs/card-protocol.md §5.3: P2 = 80|SFI names the key (97 = 0017, 9A = 001A) without a SELECT.
        Df df = dfs.get(currentDf);
        n = df == null ? null : df.find(p2 & 0x1F);
        if (n == null) {
          return sw(SW_FILE_NOT_FOUND);
        }
      } else {
        return sw(SW_INCORRECT_P1P2);
      }
      // docs/card-protocol.md §12.6: the current EF must be a key EF whose credential is verified, else 6982.
      RSAPrivateKey k = n == null ? null : n.key;
      if (n == null || n.kind != KIND_KEY || k == null || !satisfied(n.access)) {
        return sw(SW_SECURITY_STATUS_NOT_SATISFIED);
      }
      key = k;
    }
    if (c.lc == 0) {
      return sw(SW_WRONG_LENGTH);
    }
    int k = modulusBytes(key);
    // docs/card-protocol.md §15: with a T=0 ATR the command arrives without Le (case 3); answer in full anyway.
    if (c.hasLe && c.ne < k) {
      return sw(SW_WRONG_LENGTH);
    }
    byte[] input = Arrays.copyOfRange(c.buf, c.dataOffset, c.dataOffset + c.lc);
    byte[] sig;
    switch (scheme) {
      case 0x00: // PKCS#1 v1.5 over the input as given (normally a DigestInfo), 1..k-11 bytes
        if (input.length > k - 11) {
          return sw(SW_CONDITIONS_NOT_SATISFIED);
        }
        sig = pkcs1Sign(key, input);
        break;
      case 0x01: // card hashes, signs the bare 32-byte hash
        if (input.length > 255) {
          return sw(SW_WRONG_LENGTH);
        }
        sig = pkcs1Sign(key, sha256(input));
        break;
      case 0x02: // 32-byte hash given, card wraps it in a DigestInfo
        if (input.length != 32) {
          return sw(SW_CONDITIONS_NOT_SATISFIED);
        }
        sig = pkcs1Sign(key, sha256DigestInfo(input));
        break;
      case 0x03: // card hashes + DigestInfo = sha256WithRSAEncryption
        if (input.length > 255) {
          return sw(SW_WRONG_LENGTH);
        }
        sig = pkcs1Sign(key, sha256DigestInfo(sha256(input)));
        break;
      case 0x04: // RSASSA-PSS over a given hash
        if (input.length != 32) {
          return sw(SW_CONDITIONS_NOT_SATISFIED);
        }
        sig = pssSign(key, input);
        break;
      default: // 0x05: card hashes, RSASSA-PSS
        if (input.length > 255) {
          return sw(SW_WRONG_LENGTH);
        }
        sig = pssSign(key, sha256(input));
        break;
    }
    return ok(sig, 0, sig.length);
  }

  // ------------------------------------------------ INTERNAL AUTHENTICATE (docs/card-protocol.md §3.1, §8)

  private byte[] internalAuthenticate(ParsedCommand c) throws GeneralSecurityException {
    if (c.p1 != 0x00) {
      return sw(SW_INCORRECT_P1P2);
    }
    Node n = keyRef(c.p2);
    if (n == null) {
      return sw(refusal);
    }
    RSAPrivateKey key = n.key;
    if (n.kind != KIND_KEY || key == null) {
      return sw(SW_INCOMPATIBLE_FILE_STRUCTURE);
    }
    if (currentDf == Application.TEXT || currentDf == Application.VISUAL) {
      return sw(SW_CONDITIONS_NOT_SATISFIED); // 券面 keys sign with 80 2A instead → 6985
    }
    if (currentDf != Application.COMMON || !n.access.isAlways()) {
      return sw(SW_SECURITY_STATUS_NOT_SATISFIED); // PIN-protected keys → 6982
    }
    if (c.lc < 1 || c.lc > 255) {
      return sw(SW_WRONG_LENGTH);
    }
    int k = modulusBytes(key);
    if (c.hasLe && c.ne < k) {
      return sw(SW_WRONG_LENGTH);
    }
    // [MC card.rs]: the card signs DigestInfo(SHA-256(challenge)) with PKCS#1 v1.5.
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update(c.buf, c.dataOffset, c.lc);
    byte[] sig = pkcs1Sign(key, sha256DigestInfo(md.digest()));
    return ok(sig, 0, sig.length);
  }

  // ---------------------------------------------------------------- GET CHALLENGE (docs/card-protocol.md §3.1)

  private byte[] getChallenge(ParsedCommand c) {
    if (c.p1 != 0 || c.p2 != 0) {
      return sw(SW_INCORRECT_P1P2);
    }
    if (c.lc != 0 || !c.hasLe) {
      return sw(SW_WRONG_LENGTH);
    }
    if (c.extended) {
      return sw(SW_CONDITIONS_NOT_SATISFIED); // docs/card-protocol.md §3.1: extended Le refused with 6985
    }
    byte[] out = new byte[c.ne + 2];
    byte[] rnd = new byte[c.ne];
    random.nextBytes(rnd);
    System.arraycopy(rnd, 0, out, 0, rnd.length);
    out[c.ne] = (byte) 0x90;
    return out;
  }

  // ---------------------------------------------------------------- GET DATA (docs/card-protocol.md §8)

  private byte[] getData(ParsedCommand c) {
    if (c.lc != 0) {
      return sw(SW_WRONG_LENGTH);
    }
    int tag = (c.p1 << 8) | c.p2;
    byte[] v = profile.dataObjectRaw(tag);
    if (v == null) {
      return sw(SW_DATA_NOT_FOUND); // docs/card-protocol.md §8: treat 6A88 as absence
    }
    // docs/card-protocol.md §3.1: large objects need extended Le; a short (or missing) Le gets 6700.
    if (!c.hasLe || v.length > c.ne) {
      return sw(SW_WRONG_LENGTH);
    }
    return ok(v, 0, v.length);
  }

  // ---------------------------------------------------------------- helpers

  /** Access check against the current DF's verified credentials (docs/card-protocol.md §5.1, §6.1, §7.1). */
  private boolean satisfied(Access a) {
    if (a.isAlways()) {
      return true;
    }
    if (a.isNever()) {
      return false;
    }
    Df df = dfs.get(currentDf);
    if (df == null) {
      return false;
    }
    for (int i = 0, n = a.credentialCount(); i < n; i++) {
      Node cred = df.find(a.credentialAt(i));
      if (cred != null && cred.kind == KIND_CREDENTIAL && cred.verified) {
        return true;
      }
    }
    return false;
  }

  private static boolean constantTimeEquals(byte[] expected, byte[] buf, int off, int len) {
    int diff = expected.length ^ len;
    for (int i = 0; i < len; i++) {
      byte e = expected.length == 0 ? 0 : expected[i % expected.length];
      diff |= (e ^ buf[off + i]);
    }
    return diff == 0;
  }

  private static int modulusBytes(RSAPrivateKey key) {
    return (key.getModulus().bitLength() + 7) / 8;
  }

  private byte[] pkcs1Sign(RSAPrivateKey key, byte[] data) throws GeneralSecurityException {
    // docs/card-protocol.md §5.3: the card applies PKCS#1 v1.5 type-1 padding to what it is given;
    // NONEwithRSA is exactly that (no hashing, no DigestInfo added).
    Signature s = Signature.getInstance("NONEwithRSA");
    s.initSign(key);
    s.update(data);
    rsaOperations++;
    return s.sign();
  }

  private byte[] pssSign(RSAPrivateKey key, byte[] mHash) throws GeneralSecurityException {
    // RFC 8017 §9.1.1 EMSA-PSS-ENCODE with SHA-256, MGF1-SHA-256, 32-byte random salt ([MC]
    // reports a random salt; its length is not documented).
    int modBits = key.getModulus().bitLength();
    int emBits = modBits - 1;
    int emLen = (emBits + 7) / 8;
    int hLen = 32;
    int sLen = 32;
    byte[] salt = new byte[sLen];
    random.nextBytes(salt);
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update(new byte[8]);
    md.update(mHash);
    md.update(salt);
    byte[] h = md.digest();
    byte[] db = new byte[emLen - hLen - 1];
    db[emLen - sLen - hLen - 2] = 0x01;
    System.arraycopy(salt, 0, db, db.length - sLen, sLen);
    byte[] mask = mgf1(h, db.length);
    for (int i = 0; i < db.length; i++) {
      db[i] ^= mask[i];
    }
    db[0] &= (byte) (0xFF >>> (8 * emLen - emBits));
    byte[] em = new byte[emLen];
    System.arraycopy(db, 0, em, 0, db.length);
    System.arraycopy(h, 0, em, db.length, hLen);
    em[emLen - 1] = (byte) 0xBC;
    Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding");
    raw.init(Cipher.ENCRYPT_MODE, key);
    byte[] sig = raw.doFinal(em);
    rsaOperations++;
    int k = modulusBytes(key);
    if (sig.length == k) {
      return sig;
    }
    byte[] padded = new byte[k]; // left-pad to k bytes (I2OSP)
    System.arraycopy(sig, 0, padded, k - sig.length, sig.length);
    return padded;
  }

  private static byte[] mgf1(byte[] seed, int len) throws GeneralSecurityException {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    byte[] out = new byte[len];
    int pos = 0;
    for (int counter = 0; pos < len; counter++) {
      md.update(seed);
      md.update(new byte[] {
        (byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8), (byte) counter
      });
      byte[] d = md.digest();
      int n = Math.min(d.length, len - pos);
      System.arraycopy(d, 0, out, pos, n);
      pos += n;
    }
    return out;
  }

  private static byte[] sha256(byte[] data) throws GeneralSecurityException {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }

  private static byte[] sha256DigestInfo(byte[] hash) {
    byte[] di = new byte[SHA256_DIGEST_INFO_PREFIX.length + hash.length];
    System.arraycopy(SHA256_DIGEST_INFO_PREFIX, 0, di, 0, SHA256_DIGEST_INFO_PREFIX.length);
    System.arraycopy(hash, 0, di, SHA256_DIGEST_INFO_PREFIX.length, hash.length);
    return di;
  }

  private static byte[] sw(int sw) {
    return new byte[] {(byte) (sw >>> 8), (byte) sw};
  }

  private static byte[] ok(byte[] src, int off, int len) {
    byte[] out = new byte[len + 2];
    System.arraycopy(src, off, out, 0, len);
    out[len] = (byte) 0x90;
    return out;
  }

  @Override
  public String toString() {
    // No file contents, no credential values or counters' secrets.
    return "VirtualMyNumberCard[applications=" + dfs.keySet() + "]";
  }

  /** Options for docs/card-protocol.md's UNCONFIRMED behaviours. Not thread-safe. */
  public static final class Builder {
    private final CardProfile profile;
    private boolean clearSecurityOnDfSelect = true;
    private boolean cardKeyRequiresCredential;
    private @Nullable Random random;

    private Builder(CardProfile profile) {
      this.profile = profile;
    }

    /**
     * Whether selecting a DF clears the verified credentials of the DF being left (default true,
     * docs/card-protocol.md §12.1; UNCONFIRMED for the JPKI AP, §5.3). With false, each DF keeps its own verified
     * set until reset.
     *
     * @param clear true to clear on DF selection
     * @return this builder
     */
    public Builder clearSecurityOnDfSelect(boolean clear) {
      this.clearSecurityOnDfSelect = clear;
      return this;
    }

    /**
     * Whether {@code 80 2A 00 00} (card-key signature in the text/visual AP) requires some credential
     * of the DF to be verified first (default false: docs/card-protocol.md §3.1 and [MC] say no credential is
     * needed; §12.7's "after any opening credential" is the UNCONFIRMED alternative).
     *
     * @param required true to require a verified credential
     * @return this builder
     */
    public Builder cardKeyRequiresCredential(boolean required) {
      this.cardKeyRequiresCredential = required;
      return this;
    }

    /**
     * The random source for GET CHALLENGE and PSS salts (default: a new {@link SecureRandom}); pass
     * a seeded {@link Random} for reproducible tests.
     *
     * @param random the random source
     * @return this builder
     */
    public Builder random(Random random) {
      this.random = random;
      return this;
    }

    /**
     * Builds the card in its power-on state.
     *
     * @return the card
     */
    public VirtualMyNumberCard build() {
      return new VirtualMyNumberCard(this);
    }
  }
}
