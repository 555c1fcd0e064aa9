/**
 * The route slot's client/server topology ({@link dev.culvert.routing.ClientServerRouter}) on a
 * longest-prefix-match table for IPv4 and IPv6, and the handler of OpenVPN's routing directives
 * ({@link dev.culvert.routing.RoutingDirectives}).
 *
 * <p>Why a path-compressed binary trie ({@link dev.culvert.routing.PrefixTrie}) and not
 * per-length hash maps (OpenVPN's choice): with hash maps a lookup probes every prefix length in
 * use, longest first, so a miss costs one hash probe per length, up to 33 for IPv4 and 129 for
 * IPv6, each a separate cache miss. The trie's walk is bounded by the number of branching points
 * on the address's path (about log2 of the table for spread-out prefixes), each node one cache
 * line of one flat array, and it answers both "which client owns this destination" and "may this
 * client use this source" with the same walk. Updates come from the control plane a session at a
 * time; rebuilding a trie per update (copy-on-write, published with one volatile write) keeps the
 * read path to plain array reads: wait-free, lock-free, allocation-free.
 *
 * <p>Topology is this module's choice: another topology (a full mesh, say) is another
 * {@link dev.culvert.spi.route.Router} over the same table, and it takes the entries over on bind.
 *
 * <p>Internal to module-routing: the bundle exports nothing. Its classes are found as Declarative
 * Services components inside OSGi and through {@link java.util.ServiceLoader}
 * ({@code META-INF/services}) on a plain class path.
 *
 * <p>May depend on: dev.culvert.core.slot, dev.culvert.spi.config, dev.culvert.spi.l3,
 * dev.culvert.spi.route
 */
package dev.culvert.routing;
