package nl.kennisveiligheid.screening.matching;

/** Per-thread score accumulator over all entries, reset by touching only what was used. */
final class ScoreAccumulator {
    private final float[] scores;
    private final int[] touched;
    private int touchedCount;

    ScoreAccumulator(int entries) {
        scores = new float[entries];
        touched = new int[entries];
    }

    void reset() {
        for (int i = 0; i < touchedCount; i++) {
            scores[touched[i]] = 0;
        }
        touchedCount = 0;
    }

    void add(int entry, float gain) {
        if (scores[entry] == 0) {
            touched[touchedCount++] = entry;
        }
        scores[entry] += gain;
    }

    int size() {
        return touchedCount;
    }

    /** The {@code limit} entries with the highest accumulated score relative to their norm, best first. */
    int[] top(int limit, WeightedName[] names) {
        int n = Math.min(limit, touchedCount);
        int[] heap = new int[n];
        double[] keys = new double[n];
        int heapSize = 0;
        for (int i = 0; i < touchedCount; i++) {
            int entry = touched[i];
            double key = scores[entry] / names[entry].norm();
            if (heapSize < n) {
                heap[heapSize] = entry;
                keys[heapSize] = key;
                siftUp(heap, keys, heapSize++);
            } else if (key > keys[0] || key == keys[0] && entry < heap[0]) {
                heap[0] = entry;
                keys[0] = key;
                siftDown(heap, keys, heapSize);
            }
        }
        int[] result = new int[heapSize];
        for (int i = heapSize - 1; i >= 0; i--) {
            result[i] = heap[0];
            heap[0] = heap[i];
            keys[0] = keys[i];
            siftDown(heap, keys, i);
        }
        return result;
    }

    /** Heap order: the weakest entry (lowest key, then highest entry number) on top. */
    private static boolean weaker(double[] keys, int[] heap, int a, int b) {
        return keys[a] < keys[b] || keys[a] == keys[b] && heap[a] > heap[b];
    }

    private static void siftUp(int[] heap, double[] keys, int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!weaker(keys, heap, i, parent)) {
                return;
            }
            swap(heap, keys, i, parent);
            i = parent;
        }
    }

    private static void siftDown(int[] heap, double[] keys, int size) {
        int i = 0;
        while (true) {
            int left = 2 * i + 1;
            int right = left + 1;
            int weakest = i;
            if (left < size && weaker(keys, heap, left, weakest)) {
                weakest = left;
            }
            if (right < size && weaker(keys, heap, right, weakest)) {
                weakest = right;
            }
            if (weakest == i) {
                return;
            }
            swap(heap, keys, i, weakest);
            i = weakest;
        }
    }

    private static void swap(int[] heap, double[] keys, int a, int b) {
        int h = heap[a];
        heap[a] = heap[b];
        heap[b] = h;
        double k = keys[a];
        keys[a] = keys[b];
        keys[b] = k;
    }
}
