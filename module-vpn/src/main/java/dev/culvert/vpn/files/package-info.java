/**
 * Files a server rewrites whole while monitoring tools read them (the status file, the
 * ifconfig-pool-persist file): atomic replacement, or rewriting in place through a descriptor
 * kept from before the process dropped root.
 *
 * <p>May depend on: none
 */
package dev.culvert.vpn.files;
