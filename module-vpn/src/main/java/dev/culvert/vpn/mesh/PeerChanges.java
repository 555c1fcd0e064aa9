package dev.culvert.vpn.mesh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a re-read peers file changed, peer by peer, so the mesh role touches only those sessions:
 * a peer whose line did not change keeps its session untouched.
 *
 * @param added   peers new in the file: start a session
 * @param removed peers gone from it: end their sessions, drop their routes
 * @param changed peers whose address or networks changed (the new declaration): re-route, and
 *                re-connect if the address changed
 */
public record PeerChanges(List<MeshPeer> added, List<MeshPeer> removed, List<MeshPeer> changed) {
    public PeerChanges {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    /** The difference from {@code before} to {@code after}, by peer name. */
    public static PeerChanges between(List<MeshPeer> before, List<MeshPeer> after) {
        Map<String, MeshPeer> old = byName(before);
        Map<String, MeshPeer> now = byName(after);
        List<MeshPeer> added = new ArrayList<>();
        List<MeshPeer> changed = new ArrayList<>();
        for (MeshPeer p : now.values()) {
            MeshPeer was = old.get(p.name());
            if (was == null) {
                added.add(p);
            } else if (!was.equals(p)) {
                changed.add(p);
            }
        }
        List<MeshPeer> removed = old.values().stream().filter(p -> !now.containsKey(p.name())).toList();
        return new PeerChanges(added, removed, changed);
    }

    private static Map<String, MeshPeer> byName(List<MeshPeer> peers) {
        Map<String, MeshPeer> map = new LinkedHashMap<>();
        peers.forEach(p -> map.put(p.name(), p));
        return map;
    }

    public boolean none() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }
}
