/**
 * The node slot: what a configuration makes a node do. A module that can run a configuration
 * (module-vpn runs one that says {@code client}) offers a {@link dev.culvert.spi.node.NodeRole};
 * the kernel starts the first role that accepts the configuration after every directive has been
 * claimed and checked.
 *
 * <p>May depend on: dev.culvert.core.config, dev.culvert.core.slot, dev.culvert.spi.config
 */
package dev.culvert.spi.node;
