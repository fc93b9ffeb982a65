package dev.jpki.verify.revocation;

/**
 * In-place introsort of fixed-width byte records (unsigned lexicographic order) with a parallel byte
 * array: quicksort with median-of-three, insertion sort for short ranges, heapsort when recursion gets
 * deep, so hostile orderings cannot make it quadratic.
 */
final class RecordSort {
  private RecordSort() {}

  static void sort(byte[] keys, byte[] tags, int width, int n) {
    if (n < 2) {
      return;
    }
    int depth = 2 * (32 - Integer.numberOfLeadingZeros(n));
    byte[] tmp = new byte[width];
    introsort(keys, tags, width, 0, n - 1, depth, tmp);
  }

  private static void introsort(byte[] k, byte[] t, int w, int lo, int hi, int depth, byte[] tmp) {
    while (hi - lo > 16) {
      if (depth-- == 0) {
        heapsort(k, t, w, lo, hi, tmp);
        return;
      }
      int mid = (lo + hi) >>> 1;
      // median of three into lo
      if (cmp(k, w, mid, lo) < 0) {
        swap(k, t, w, mid, lo, tmp);
      }
      if (cmp(k, w, hi, lo) < 0) {
        swap(k, t, w, hi, lo, tmp);
      }
      if (cmp(k, w, hi, mid) < 0) {
        swap(k, t, w, hi, mid, tmp);
      }
      swap(k, t, w, lo, mid, tmp); // pivot at lo
      int i = lo + 1;
      int j = hi;
      while (true) {
        while (i <= j && cmp(k, w, i, lo) < 0) {
          i++;
        }
        while (i <= j && cmp(k, w, j, lo) > 0) {
          j--;
        }
        if (i >= j) {
          break;
        }
        swap(k, t, w, i, j, tmp);
        i++;
        j--;
      }
      swap(k, t, w, lo, j, tmp);
      // recurse into the smaller side, loop on the larger
      if (j - lo < hi - j) {
        introsort(k, t, w, lo, j - 1, depth, tmp);
        lo = j + 1;
      } else {
        introsort(k, t, w, j + 1, hi, depth, tmp);
        hi = j - 1;
      }
    }
    for (int i = lo + 1; i <= hi; i++) {
      for (int j = i; j > lo && cmp(k, w, j, j - 1) < 0; j--) {
        swap(k, t, w, j, j - 1, tmp);
      }
    }
  }

  private static void heapsort(byte[] k, byte[] t, int w, int lo, int hi, byte[] tmp) {
    int n = hi - lo + 1;
    for (int i = n / 2 - 1; i >= 0; i--) {
      sift(k, t, w, lo, i, n, tmp);
    }
    for (int end = n - 1; end > 0; end--) {
      swap(k, t, w, lo, lo + end, tmp);
      sift(k, t, w, lo, 0, end, tmp);
    }
  }

  private static void sift(byte[] k, byte[] t, int w, int lo, int i, int n, byte[] tmp) {
    while (true) {
      int l = 2 * i + 1;
      if (l >= n) {
        return;
      }
      int big = l;
      if (l + 1 < n && cmp(k, w, lo + l + 1, lo + l) > 0) {
        big = l + 1;
      }
      if (cmp(k, w, lo + big, lo + i) <= 0) {
        return;
      }
      swap(k, t, w, lo + i, lo + big, tmp);
      i = big;
    }
  }

  private static int cmp(byte[] k, int w, int a, int b) {
    int ao = a * w;
    int bo = b * w;
    for (int i = 0; i < w; i++) {
      int x = (k[ao + i] & 0xFF) - (k[bo + i] & 0xFF);
      if (x != 0) {
        return x;
      }
    }
    return 0;
  }

  private static void swap(byte[] k, byte[] t, int w, int a, int b, byte[] tmp) {
    if (a == b) {
      return;
    }
    int ao = a * w;
    int bo = b * w;
    System.arraycopy(k, ao, tmp, 0, w);
    System.arraycopy(k, bo, k, ao, w);
    System.arraycopy(tmp, 0, k, bo, w);
    byte x = t[a];
    t[a] = t[b];
    t[b] = x;
  }
}
