package dev.culvert.vpn.tunnel;

import dev.culvert.core.worker.IdleThread;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.spi.link.LinkFactory;
import dev.culvert.vpn.data.AeadSource;
import dev.culvert.vpn.data.DataPathRehearsal;
import dev.culvert.vpn.keys.DataCipher;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;

/**
 * Warms a node's data channel once the node is up: {@link DataPathRehearsal} seals and opens
 * made-up packets with the cipher the node's tunnels will use, on an {@link IdleThread}, so a fresh
 * node's first tunnel does not run that code interpreted for its first seconds (a fresh server's
 * hops took twice a warm one's, and a first bulk transfer ramped over five seconds). At the lowest priority the rehearsal takes only CPU
 * that handshakes and forwarding leave over; should a client's traffic come first, it warms the
 * same code. One log line says what was rehearsed and how long it took. The links' own work (the
 * TUN offloads) is warmed at the same point, by their factory.
 */
public final class DataPathWarmUp {
    private static final System.Logger LOG = System.getLogger(DataPathWarmUp.class.getName());

    private DataPathWarmUp() {
    }

    /** The cipher a server offering {@code dataCiphers} seals most tunnels with: the first AEAD one, if any. */
    public static Optional<DataCipher> likelyCipher(List<DataCipher> dataCiphers) {
        return dataCiphers.stream().filter(DataCipher::isAead).findFirst();
    }

    /**
     * Starts the rehearsal of {@code cipher} on its own idle thread, or nothing for a CBC cipher: that
     * is 2.6's legacy fallback, which the rehearsal leaves to the tunnels that use it. The contexts
     * come from {@code aead} as a live key's do (a provider that follows the aead slot is followed).
     */
    public static Optional<Thread> start(DataCipher cipher, AeadProvider aead) {
        if (!cipher.isAead()) {
            return Optional.empty();
        }
        return Optional.of(IdleThread.start("culvert-data-warm-up", () -> LOG.log(System.Logger.Level.INFO, run(cipher, AeadSource.of(aead)))));
    }

    /**
     * Warms what a node's packets cross once it listens (a client: once connected): its links'
     * own per-packet work ({@link LinkFactory#warmUp}, the TUN offloads) and, where
     * {@code cipher} is an AEAD cipher, the data channel with it; each on its own idle thread.
     */
    public static void start(LinkFactory links, Optional<DataCipher> cipher, AeadProvider aead) {
        links.warmUp();
        cipher.ifPresent(c -> start(c, aead));
    }

    /** Runs the rehearsal here; returns the log line. */
    static String run(DataCipher cipher, AeadSource aead) {
        long started = System.nanoTime();
        String sealed;
        try {
            int intact = DataPathRehearsal.run(cipher, null, aead, DataPathRehearsal.ROUNDS);
            sealed = intact + " of " + DataPathRehearsal.ROUNDS + " packets sealed and opened with " + cipher.openvpnName();
        } catch (GeneralSecurityException | RuntimeException e) {
            sealed = "no packets sealed (" + cipher.openvpnName() + ": " + e.getMessage() + ")";
        }
        return "data channel warmed in " + (System.nanoTime() - started) / 1_000_000 + " ms: " + sealed;
    }
}
