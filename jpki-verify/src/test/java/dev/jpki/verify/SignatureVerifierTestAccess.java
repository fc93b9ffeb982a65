package dev.jpki.verify;

/** Exposes a test helper to tests in other packages. */
public final class SignatureVerifierTestAccess {
  private SignatureVerifierTestAccess() {}

  public static int indexOf(byte[] hay, byte[] needle) {
    return SignatureVerifierTest.indexOf(hay, needle);
  }
}
