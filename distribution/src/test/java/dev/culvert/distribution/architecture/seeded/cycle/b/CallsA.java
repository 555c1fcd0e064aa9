package dev.culvert.distribution.architecture.seeded.cycle.b;

import dev.culvert.distribution.architecture.seeded.cycle.a.CallsB;

/** Depends on package a, which depends on b. */
public final class CallsA {
    private CallsA() {
    }

    public static int depth(int n) {
        return n <= 0 ? 0 : 1 + CallsB.depth(n - 1);
    }
}
