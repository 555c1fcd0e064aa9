package dev.culvert.core.slot;

/**
 * Lets an implementation found by {@link java.util.ServiceLoader} or handed to the builder state
 * its ranking, as {@code service.ranking} does inside OSGi. Higher wins; the default is 0.
 */
public interface Ranked {
    int ranking();
}
