package nl.kennisveiligheid.screening.matching;

import java.util.Arrays;

/** A growable int array; avoids boxing millions of postings. */
final class IntList {
    private int[] values = new int[2];
    private int size;

    void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    void addDistinct(int value) {
        if (size == 0 || values[size - 1] != value) {
            add(value);
        }
    }

    int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
