// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.vpcd;

import dev.jpki.testkit.card.ApduProcessor;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicLong;
import jdk.net.ExtendedSocketOptions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The card side of vsmartcard's vpcd driver: connects to pcscd's virtual reader as a TCP client and
 * answers its frames with an {@link ApduProcessor}, so {@code javax.smartcardio}, OpenSC or any PC/SC
 * program sees the virtual card in reader {@code "Virtual PCD 00 00"} (slot 0) or {@code "Virtual
 * PCD 00 01"} (slot 1). Protocol per docs/testing.md §1.3:
 *
 * <ul>
 *   <li>every message is a 2-byte big-endian length and a payload;
 *   <li>a 1-byte payload is a control message: {@code 00} power off, {@code 01} power on, {@code 02}
 *       reset (each clears the card's volatile state, no reply), {@code 04} get ATR (reply: the ATR);
 *   <li>any other payload is a command APDU, answered with the response APDU.
 * </ul>
 *
 * <p>Each reply is written in one {@code write} (length and payload together), and TCP_QUICKACK is
 * re-armed before every read where the platform supports it: Debian's vpcd 0.8 sends length and
 * payload separately without TCP_NODELAY, which otherwise costs about 40 ms per frame (docs/testing.md
 * §1.4).
 *
 * <p>Connecting does not mean the card is present yet: wait with {@code
 * CardTerminal.waitForCardPresent}. {@link #close()} closes the socket, which removes the card.
 * Never run two bridges on one slot (the second waits silently, docs/testing.md §1.3).
 *
 * <p>Security: frames are logged at debug/trace level with their lengths only, never their data.
 */
public final class VpcdBridge implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(VpcdBridge.class);

  /** Loopback: vpcd listens on all interfaces, the bridge only ever uses loopback by default. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** vpcd's port for slot 0 ({@code 0x8C7B}, reader "Virtual PCD 00 00"). */
  public static final int SLOT_0_PORT = 35963;

  /** vpcd's port for slot 1 (reader "Virtual PCD 00 01"). */
  public static final int SLOT_1_PORT = 35964;

  private static final int CTRL_OFF = 0x00;
  private static final int CTRL_ON = 0x01;
  private static final int CTRL_RESET = 0x02;
  private static final int CTRL_ATR = 0x04;
  private static final byte[] SW_UNKNOWN = {0x6F, 0x00};
  private static final int CONNECT_TIMEOUT_MS = 2000;
  private static final long RECONNECT_DELAY_MS = 1000;

  private final ApduProcessor card;
  private final String host;
  private final int port;
  private final AtomicLong apdus = new AtomicLong();
  private volatile @Nullable Socket socket;
  private volatile @Nullable Thread thread;
  private volatile boolean closed;

  /**
   * A bridge for slot 0 on {@value #DEFAULT_HOST}:{@value #SLOT_0_PORT}.
   *
   * @param card the card to serve
   */
  public VpcdBridge(ApduProcessor card) {
    this(card, DEFAULT_HOST, SLOT_0_PORT);
  }

  /**
   * A bridge to vpcd at the given address.
   *
   * @param card the card to serve
   * @param host vpcd's host, normally {@value #DEFAULT_HOST}
   * @param port vpcd's port, {@value #SLOT_0_PORT} + slot
   * @throws IllegalArgumentException if the port is out of range
   */
  public VpcdBridge(ApduProcessor card, String host, int port) {
    if (port < 1 || port > 0xFFFF) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    this.card = card;
    this.host = host;
    this.port = port;
  }

  /**
   * vpcd's TCP port for a reader slot.
   *
   * @param slot the slot, 0 or 1 (Debian's vpcd is built with 2 slots)
   * @return {@code 35963 + slot}
   * @throws IllegalArgumentException if the slot is not 0 or 1
   */
  public static int portForSlot(int slot) {
    if (slot != 0 && slot != 1) {
      throw new IllegalArgumentException("vpcd has slots 0 and 1, not " + slot);
    }
    return SLOT_0_PORT + slot;
  }

  /**
   * Connects to vpcd and starts serving on a daemon thread.
   *
   * @return this bridge
   * @throws IOException if vpcd is not reachable (pcscd not running or vpcd driver not loaded)
   * @throws IllegalStateException if already started or closed
   */
  public synchronized VpcdBridge start() throws IOException {
    if (closed || thread != null) {
      throw new IllegalStateException("a VpcdBridge can be started once");
    }
    Socket s = new Socket();
    try {
      s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
      s.setTcpNoDelay(true);
    } catch (IOException e) {
      s.close();
      throw e;
    }
    socket = s;
    Thread t = new Thread(() -> serveLoop(s), "vpcd-bridge-" + port);
    t.setDaemon(true);
    thread = t;
    t.start();
    log.debug("vpcd bridge connected to {}:{}", host, port);
    return this;
  }

  /**
   * Whether the bridge is connected and serving.
   *
   * @return true while the serving thread runs
   */
  public boolean isRunning() {
    Thread t = thread;
    return t != null && t.isAlive();
  }

  /**
   * Command APDUs answered so far (control messages not counted).
   *
   * @return the count
   */
  public long apduCount() {
    return apdus.get();
  }

  /**
   * Waits until the serving thread ends (vpcd closed the connection, or {@link #close()}).
   *
   * @param millis the longest time to wait, 0 for no limit
   * @throws InterruptedException if interrupted while waiting
   */
  public void join(long millis) throws InterruptedException {
    Thread t = thread;
    if (t != null) {
      t.join(millis);
    }
  }

  /** Closes the socket, which removes the card from the reader. Idempotent, never throws. */
  @Override
  public void close() {
    closed = true;
    Socket s = socket;
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        log.debug("closing vpcd socket failed", e);
      }
    }
    Thread t = thread;
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void serveLoop(Socket s) {
    try {
      boolean quickAck = s.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK);
      DataInputStream in = new DataInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      while (!closed) {
        armQuickAck(s, quickAck);
        int len;
        try {
          len = in.readUnsignedShort();
        } catch (EOFException eof) {
          break;
        }
        byte[] frame = new byte[len];
        if (len > 0) {
          armQuickAck(s, quickAck);
          in.readFully(frame);
        }
        byte[] reply = handle(frame);
        if (reply != null) {
          byte[] msg = new byte[2 + reply.length];
          msg[0] = (byte) (reply.length >>> 8);
          msg[1] = (byte) reply.length;
          System.arraycopy(reply, 0, msg, 2, reply.length);
          out.write(msg); // one write: length and payload in the same segment (docs/testing.md §1.4)
          out.flush();
        }
      }
    } catch (IOException e) {
      if (!closed) {
        log.debug("vpcd connection to {}:{} ended: {}", host, port, e.toString());
      }
    } finally {
      try {
        s.close();
      } catch (IOException e) {
        log.debug("closing vpcd socket failed", e);
      }
      log.debug("vpcd bridge on {}:{} stopped", host, port);
    }
  }

  private static void armQuickAck(Socket s, boolean supported) throws IOException {
    if (supported) {
      try {
        s.setOption(ExtendedSocketOptions.TCP_QUICKACK, Boolean.TRUE);
      } catch (UnsupportedOperationException | SocketException e) {
        log.trace("TCP_QUICKACK not set", e);
      }
    }
  }

  /** Returns the reply payload, or null for control messages that get none. */
  private byte @Nullable [] handle(byte[] frame) {
    try {
      if (frame.length == 1) {
        int ctrl = frame[0] & 0xFF;
        switch (ctrl) {
          case CTRL_OFF:
          case CTRL_ON:
          case CTRL_RESET:
            // docs/testing.md §1.3 / docs/card-protocol.md §15: the card clears its volatile state on every power event.
            log.trace("vpcd control {}", ctrl);
            card.reset();
            return null;
          case CTRL_ATR:
            return card.atr();
          default:
            log.debug("vpcd sent unknown control byte {}; answering 6F00", ctrl);
            return SW_UNKNOWN.clone();
        }
      }
      if (frame.length == 0) {
        log.debug("vpcd sent an empty frame; answering 6F00");
        return SW_UNKNOWN.clone();
      }
      apdus.incrementAndGet();
      log.trace("vpcd APDU frame of {} bytes", frame.length);
      return card.process(frame);
    } catch (RuntimeException e) {
      // The processor must not throw, but the bridge has to keep serving if one does.
      log.debug("card failed on a vpcd frame of {} bytes; answering 6F00", frame.length, e);
      return SW_UNKNOWN.clone();
    }
  }

  /**
   * Serves {@code card} through vpcd until the calling thread is interrupted: connects, logs "card
   * inserted", serves, and if vpcd goes away (pcscd stopped) reconnects every second. The CLI
   * command {@code virtual-card --vpcd} calls this.
   *
   * <p>Returns when interrupted, with the interrupt status set again and the card removed.
   *
   * @param host vpcd's host, normally {@value #DEFAULT_HOST}
   * @param port vpcd's port ({@value #SLOT_0_PORT} for slot 0)
   * @param card the card to serve
   */
  public static void serve(String host, int port, ApduProcessor card) {
    boolean warned = false;
    while (!Thread.currentThread().isInterrupted()) {
      VpcdBridge bridge = new VpcdBridge(card, host, port);
      try {
        bridge.start();
        warned = false;
        // The one user-facing lifecycle message of the virtual-card command (docs/cli.md).
        log.info("card inserted into vpcd at {}:{}", host, port);
        bridge.join(0);
        log.info("card removed: vpcd at {}:{} closed the connection", host, port);
      } catch (IOException e) {
        if (!warned) {
          log.warn("vpcd not reachable at {}:{} ({}); is pcscd with vsmartcard-vpcd running? "
              + "Retrying every second", host, port, e.toString());
          warned = true;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        bridge.close();
      }
      if (Thread.currentThread().isInterrupted()) {
        break;
      }
      try {
        Thread.sleep(RECONNECT_DELAY_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    log.info("virtual card removed from vpcd at {}:{}", host, port);
  }

  @Override
  public String toString() {
    return "VpcdBridge[" + host + ":" + port + (isRunning() ? ", running" : "") + "]";
  }
}
