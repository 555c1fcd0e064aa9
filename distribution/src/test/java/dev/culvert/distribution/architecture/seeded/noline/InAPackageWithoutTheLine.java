package dev.culvert.distribution.architecture.seeded.noline;

/** A class whose package states no dependency rule. */
public final class InAPackageWithoutTheLine {
    private InAPackageWithoutTheLine() {
    }
}
