package dev.culvert.spi.link;

import java.io.IOException;

/** Opens links of one kind ({@code tun}, {@code virtual}) by name. */
public interface LinkFactory {
    /** The {@code dev-type}-like kind this factory opens: {@code tun} or {@code virtual}. */
    String kind();

    /**
     * Opens the link {@code name} with the given MTU. {@code queues} above 1 asks for a
     * multi-queue device, one queue per worker; the result has that many links.
     */
    Link[] open(String name, int mtu, int queues) throws IOException;
}
