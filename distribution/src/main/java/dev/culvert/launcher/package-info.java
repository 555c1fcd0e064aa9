/**
 * The node launcher: starts Apache Felix with the distribution's bundles, hands it the node's
 * configuration, and runs the demo. It runs on the class path beside the framework, outside
 * OSGi, and reaches the kernel's services reflectively, so it shares no classes with the bundles.
 *
 * <p>May depend on: none
 */
package dev.culvert.launcher;
