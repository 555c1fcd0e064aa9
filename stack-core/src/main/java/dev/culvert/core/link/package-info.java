/**
 * Virtual links: an in-memory stand-in for a TUN device or a cable, so that stacks in one JVM
 * exchange packets without root: tests, the demo, and applications that embed Culvert and want
 * packets as bytes rather than through the kernel.
 *
 * A virtual link {@linkplain dev.culvert.core.worker.Signalled signals} its input, so a worker
 * reads it without a file descriptor; {@link dev.culvert.core.link.LinkSink} is the graph's exit
 * onto a link, a fixed one or the running worker's.
 *
 * <p>May depend on: dev.culvert.core.graph, dev.culvert.core.packet, dev.culvert.core.worker,
 * dev.culvert.spi.link
 */
package dev.culvert.core.link;
