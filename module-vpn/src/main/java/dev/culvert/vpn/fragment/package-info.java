/**
 * OpenVPN's own fragmentation of data-channel payloads ({@code fragment N}, 2.6's fragment.c), for
 * UDP paths that drop IP fragments: a 4-byte header in front of every payload inside the
 * encryption ({@link dev.culvert.vpn.fragment.FragmentHeader}), the split of a payload too large
 * for one datagram into up to 32 equal parts ({@link dev.culvert.vpn.fragment.FragmentSplitter}),
 * and the bounded reassembly of what the peer split ({@link dev.culvert.vpn.fragment.FragmentReassembly}).
 * Fragments are only ever seen after their datagram authenticated, so what they hold comes from
 * the session's peer; they are bounded all the same: 25 packets in reassembly at a time, each no
 * larger than a packet buffer, each gone 10 s after its last part, every refusal counted by a
 * reason of {@link dev.culvert.vpn.fragment.FragmentDrops}. Time comes in from the caller.
 * <p>May depend on: dev.culvert.core.graph, dev.culvert.core.packet
 */
package dev.culvert.vpn.fragment;
