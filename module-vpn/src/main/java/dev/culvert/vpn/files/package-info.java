/**
 * Files a server rewrites whole while monitoring tools read them (the status file, the
 * ifconfig-pool-persist file): atomic replacement, or rewriting in place through a descriptor
 * kept from before the process dropped root. Depends on the JDK only.
 */
package dev.culvert.vpn.files;
