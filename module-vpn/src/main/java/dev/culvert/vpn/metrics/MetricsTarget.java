package dev.culvert.vpn.metrics;

/**
 * The node as the metrics endpoint sees it. Called on the endpoint's thread, once per scrape;
 * it reads published state and must take no lock a data-plane worker takes.
 */
public interface MetricsTarget {
    /** The node's numbers now. */
    Sample sample();
}
