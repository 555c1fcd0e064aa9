/**
 * The process a node runs in, as an operator acts on it: its signals, raised from inside (the
 * management interface's {@code signal} command).
 *
 * <p>May depend on: dev.culvert.core.io.nativeio
 */
package dev.culvert.core.process;
