package dev.culvert.vpn.mesh;

import dev.culvert.spi.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A peers file ({@code culvert-mesh-peers FILE}): {@code culvert-mesh-peer} lines, blank lines
 * and comments ({@code #} or {@code ;}), re-read when its content changes. A re-read that fails
 * keeps the peers the last good read gave, so a half-written file never tears the mesh down; the
 * caller reports the error.
 */
public final class MeshPeersFile {
    /** Far more than any mesh's peers; bounds what a mistaken path (a log, a device) can cost. */
    static final int MAX_BYTES = 1 << 20;
    private static final String DIRECTIVE = "culvert-mesh-peer";

    private final Path path;
    private byte[] lastContent;
    private List<MeshPeer> peers = List.of();

    public MeshPeersFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** The peers of the last good read. */
    public List<MeshPeer> peers() {
        return peers;
    }

    /**
     * Reads the file again; returns what changed since the last good read, or empty if its content
     * is the same.
     *
     * @throws ConfigException the file is unreadable or a line is wrong; the peers stay as they were
     */
    public Optional<PeerChanges> reload() throws ConfigException {
        byte[] content = read();
        if (lastContent != null && Arrays.equals(content, lastContent)) {
            return Optional.empty();
        }
        List<MeshPeer> next = parse(path.toString(), new String(content, StandardCharsets.UTF_8));
        PeerChanges changes = PeerChanges.between(peers, next);
        peers = next;
        lastContent = content;
        return Optional.of(changes);
    }

    private byte[] read() throws ConfigException {
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new ConfigException(path.toString(), "the peers file is larger than " + MAX_BYTES + " bytes",
                        "point culvert-mesh-peers at a file of culvert-mesh-peer lines");
            }
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ConfigException(path.toString(), "cannot read the peers file: " + e.getMessage(),
                    "create it, or fix its path or permissions");
        }
    }

    /** The peers {@code text} declares; {@code file} names it in errors. */
    static List<MeshPeer> parse(String file, String text) throws ConfigException {
        List<MeshPeer> result = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            String where = file + ":" + (i + 1);
            List<String> words = List.of(line.split("\\s+"));
            if (!words.get(0).equals(DIRECTIVE)) {
                throw new ConfigException(where, "a peers file holds only culvert-mesh-peer lines",
                        "write " + MeshPeerLine.USAGE + ", or comment the line out with '#'");
            }
            MeshPeer peer = MeshPeerLine.parse(where, words.subList(1, words.size()));
            if (!names.add(peer.name())) {
                throw new ConfigException(where, "peer " + peer.name() + " is declared twice", "keep one line per peer");
            }
            result.add(peer);
        }
        return List.copyOf(result);
    }
}
