/**
 * The network-namespace test harness: it creates namespaces and veth pairs, runs Culvert nodes
 * and probes inside them, and removes everything it created, also when a test fails or the JVM
 * is interrupted. Traffic stays inside the namespaces it made.
 *
 * <p>Prerequisites are root (or CAP_NET_ADMIN and CAP_SYS_ADMIN), iproute2's {@code ip} with
 * {@code netns} support, and {@code /dev/net/tun}. Without them a test is skipped with the
 * reason, except with {@code CI=true}, where a missing prerequisite fails the test.
 *
 * <p>Test code only. Depends on the kernel's tun/transport/worker packages (the pass-through node),
 * jnr-ffi (setns), JUnit and the JDK.
 */
package dev.culvert.testing.netns;
