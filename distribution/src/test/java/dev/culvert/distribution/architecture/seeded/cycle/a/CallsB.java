package dev.culvert.distribution.architecture.seeded.cycle.a;

import dev.culvert.distribution.architecture.seeded.cycle.b.CallsA;

/** Depends on package b, which depends back on a. */
public final class CallsB {
    private CallsB() {
    }

    public static int depth(int n) {
        return n <= 0 ? 0 : 1 + CallsA.depth(n - 1);
    }
}
