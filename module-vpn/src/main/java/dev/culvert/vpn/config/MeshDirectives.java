package dev.culvert.vpn.config;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.spi.config.DirectiveHandler;
import dev.culvert.vpn.mesh.MeshPeerLine;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * A full mesh's own directives: {@code culvert-mesh-peer NAME HOST:PORT PREFIX...} (a node of the
 * mesh, this one included, or a leaf with {@code *}) and {@code culvert-mesh-peers FILE} (more of
 * those lines, re-read when the file changes). Either makes the configuration a mesh node's
 * ({@link MeshConfig}).
 */
@Component(service = DirectiveHandler.class)
public final class MeshDirectives implements DirectiveHandler {
    static final Set<String> DIRECTIVES = Set.of("culvert-mesh-peer", "culvert-mesh-peers");

    @Override
    public String module() {
        return "module-vpn";
    }

    @Override
    public Set<String> directives() {
        return DIRECTIVES;
    }

    @Override
    public void check(Directive d) throws ConfigException {
        switch (d.name()) {
            case "culvert-mesh-peer" -> MeshPeerLine.parse(d.where(), d.args());
            case "culvert-mesh-peers" -> d.expectArgs(1, 1, "culvert-mesh-peers FILE, e.g. culvert-mesh-peers /etc/culvert/mesh-peers");
            default -> throw new IllegalArgumentException(d.name());
        }
    }
}
