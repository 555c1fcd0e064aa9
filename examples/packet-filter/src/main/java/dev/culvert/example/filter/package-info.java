/**
 * A sample Culvert module: a stateless IPv4 packet filter that joins the graph at the
 * {@code after-inside-l3} feature arc and takes its rules from {@code culvert-filter} directives
 * ({@code culvert-filter drop tcp port 25}). It is built against stack-core's published SPI only
 * and is the one docs/WRITING-A-MODULE.md walks through.
 *
 * <p>May depend on: dev.culvert.core.config, dev.culvert.core.graph, dev.culvert.core.packet,
 * dev.culvert.spi.config, dev.culvert.spi.feature
 */
package dev.culvert.example.filter;
