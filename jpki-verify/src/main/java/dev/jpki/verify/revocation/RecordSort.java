// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.revocation;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Sorts fixed-width byte records (unsigned lexicographic order) together with a parallel byte array:
 * an LSD radix sort, O(n·width) whatever the input order, so a hostile CRL cannot make loading
 * quadratic. Already-sorted input (the usual CA output) is detected in one pass and left alone.
 */
final class RecordSort {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private RecordSort() {}

  static void sort(byte[] keys, byte[] tags, int width, int n) {
    if (n < 2 || isStrictlyAscending(keys, width, n)) {
      return;
    }
    if (n <= 32) {
      insertionSort(keys, tags, width, n);
      return;
    }
    byte[] k = keys;
    byte[] t = tags;
    byte[] k2 = new byte[n * width];
    byte[] t2 = new byte[n];
    int[] count = new int[257];
    for (int pos = width - 1; pos >= 0; pos--) {
      Arrays.fill(count, 0);
      for (int i = 0, o = pos; i < n; i++, o += width) {
        count[(k[o] & 0xFF) + 1]++;
      }
      boolean trivial = false;
      for (int b = 1; b <= 256; b++) {
        if (count[b] == n) {
          trivial = true; // every record has the same byte here: the pass would not move anything
          break;
        }
      }
      if (trivial) {
        continue;
      }
      for (int b = 1; b <= 256; b++) {
        count[b] += count[b - 1];
      }
      for (int i = 0, o = 0; i < n; i++, o += width) {
        int d = count[k[o + pos] & 0xFF]++;
        System.arraycopy(k, o, k2, d * width, width);
        t2[d] = t[i];
      }
      byte[] sk = k;
      k = k2;
      k2 = sk;
      byte[] st = t;
      t = t2;
      t2 = st;
    }
    if (k != keys) {
      System.arraycopy(k, 0, keys, 0, n * width);
      System.arraycopy(t, 0, tags, 0, n);
    }
  }

  private static void insertionSort(byte[] k, byte[] t, int w, int n) {
    byte[] tmp = new byte[w];
    for (int i = 1; i < n; i++) {
      for (int j = i; j > 0 && compare(k, j * w, k, (j - 1) * w, w) < 0; j--) {
        System.arraycopy(k, j * w, tmp, 0, w);
        System.arraycopy(k, (j - 1) * w, k, j * w, w);
        System.arraycopy(tmp, 0, k, (j - 1) * w, w);
        byte x = t[j];
        t[j] = t[j - 1];
        t[j - 1] = x;
      }
    }
  }

  /** Whether records are sorted and free of duplicates. */
  static boolean isStrictlyAscending(byte[] k, int w, int n) {
    for (int i = 1; i < n; i++) {
      if (compare(k, (i - 1) * w, k, i * w, w) >= 0) {
        return false;
      }
    }
    return true;
  }

  /** Unsigned lexicographic comparison of {@code len} bytes, eight at a time where possible. */
  static int compare(byte[] a, int ao, byte[] b, int bo, int len) {
    int i = 0;
    for (; i + 8 <= len; i += 8) {
      long x = (long) LONGS.get(a, ao + i);
      long y = (long) LONGS.get(b, bo + i);
      if (x != y) {
        return Long.compareUnsigned(x, y);
      }
    }
    for (; i < len; i++) {
      int x = (a[ao + i] & 0xFF) - (b[bo + i] & 0xFF);
      if (x != 0) {
        return x;
      }
    }
    return 0;
  }
}
