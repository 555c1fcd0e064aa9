package dev.culvert.vpn.pool;

import dev.culvert.vpn.files.KeptFile;
import dev.culvert.spi.route.AddressText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The IPv4 address pool of {@code server NETWORK NETMASK}, handing out and remembering client
 * addresses as OpenVPN 2.6 does (its {@code pool.c}, set up by {@code helper_client_server}).
 *
 * <p>Layout, for {@code server 10.8.0.0 255.255.255.0}:
 * <ul>
 *   <li>{@linkplain #subnet subnet}: the server's TUN is {@code 10.8.0.1/24}; clients get one address
 *       each, {@code .2} to {@code .254} (network + 2 to broadcast − 1), in that order.</li>
 *   <li>{@linkplain #net30 net30}: the server's TUN is {@code 10.8.0.1} peer {@code 10.8.0.2}; clients
 *       get a /30 each, starting at network + 4 and ending 4 below the broadcast address (0 below it
 *       for a /29): {@code .4/30} to {@code .248/30}, the client on the block's {@code .2} with its
 *       peer on {@code .1} ({@code ifconfig 10.8.0.6 10.8.0.5} for the block {@code .4}).</li>
 * </ul>
 * Networks from /16 to /29 are accepted, as 2.6 accepts for {@code dev tun}; a net30 pool needs at
 * least two blocks, so net30 on a /29 is refused as 2.6 refuses it.
 *
 * <p>Choosing an address (2.6's {@code ifconfig_pool_find}):
 * <ul>
 *   <li>Without duplicate-cn a common name is sticky: among the free entries, the first one
 *       remembered for that name (from an earlier session in this process, or from the persist
 *       file) is taken. Otherwise the free entry released longest ago is taken, entries never used
 *       coming first, lowest address first among equals.</li>
 *   <li>With duplicate-cn the lowest free address is taken and the common name is not remembered
 *       (2.6 passes no name to the pool then), so that entry forgets any earlier owner.</li>
 * </ul>
 * {@link #release} is 2.6's soft release: the entry is free but remembers its name, so the same
 * client gets it back on reconnecting; when no never-used entry is left, remembered entries are
 * reused in order of release (the oldest first), and the new client takes the memory over. The
 * pool is therefore only exhausted when every entry is in use at once.
 *
 * <p>Two additions to 2.6, both for addresses the pool must not hand out: {@link #reserve} keeps a
 * client-config-dir {@code ifconfig-push} address out of the pool (2.6 leaves that to the
 * operator and may give it to a second client), and {@link #load(Path, boolean)} with
 * {@code fixed} marks the file's entries as 2.6 does for {@code ifconfig-pool-persist FILE 0}:
 * such an entry goes to its own common name only.
 *
 * <p>With an IPv6 pool ({@code server-ipv6}, or {@code ifconfig-ipv6-pool}) the pool is 2.6's
 * unified one: entry N gives the IPv4 address of entry N and {@link Ipv6Pool#address IPv6 address}
 * N, and the pool holds as many entries as the smaller of the two (2.6 warns when the IPv6 half
 * is the smaller; {@link #ipv6Limits} says so). The persist file then keeps both addresses.
 *
 * <p>Persistence follows {@code ifconfig-pool-persist FILE [SECONDS]}: 2.6 reads the file once,
 * when the pool is created and before any client connects, and writes it every SECONDS (600 by
 * default; never with 0, where the file is read-only) and when the server shuts down. Calling
 * {@link #load} and {@link #save} at those moments is the caller's job. {@link #save} replaces
 * the file atomically, so a crash never leaves half a file.
 *
 * <p>Thread-safe: every method that reads or changes entries holds the pool's lock, and no
 * method reads or writes a file while holding it ({@link #load} parses first, {@link #save}
 * takes its text first).
 */
public final class IfconfigPool {
    /** 2.6's IFCONFIG_POOL_MIN_NETBITS: a larger network is refused. */
    static final int MIN_NETBITS = 16;
    /** The smallest network {@code dev tun} accepts in 2.6 (a /29). */
    static final int MAX_NETBITS = 29;

    private enum Layout { SUBNET, NET30 }

    private final Layout layout;
    private final int network;
    private final int netmask;
    /** Address of entry 0: the first client address (subnet) or the first /30 block (net30). */
    private final int base;
    private final int size;
    /** The IPv6 addresses paired with the entries, or null without an IPv6 pool. */
    private final Ipv6Pool ipv6;
    /** How many entries the IPv4 network alone gives. */
    private final int ipv4Size;

    private final boolean[] inUse;
    /** The common name an entry remembers (in use or not), or null. */
    private final String[] owner;
    /** When the entry was last released, as a count of releases; 0 for never. */
    private final long[] releasedAt;
    /** From a read-only persist file: only its owner may take it. */
    private final boolean[] fixed;
    /** The common name whose ifconfig-push holds this entry, or null. */
    private final String[] reservedFor;
    private long releaseClock;

    private IfconfigPool(Layout layout, int network, int netmask, int base, int ipv4Size, Ipv6Pool ipv6) {
        this.layout = layout;
        this.network = network;
        this.netmask = netmask;
        this.base = base;
        this.ipv4Size = ipv4Size;
        this.ipv6 = ipv6;
        this.size = ipv6 == null ? ipv4Size : Math.min(ipv4Size, ipv6.size());
        this.inUse = new boolean[size];
        this.owner = new String[size];
        this.releasedAt = new long[size];
        this.fixed = new boolean[size];
        this.reservedFor = new String[size];
    }

    /** The pool of {@code server NETWORK NETMASK} with {@code topology subnet} (2.6's default). */
    public static IfconfigPool subnet(int network, int netmask) {
        return subnet(network, netmask, null);
    }

    /** As {@link #subnet(int, int)}, each entry paired with an address of {@code ipv6} (null for none). */
    public static IfconfigPool subnet(int network, int netmask, Ipv6Pool ipv6) {
        checkNetwork(network, netmask);
        int start = network + 2;
        int end = (network | ~netmask) - 1;
        return new IfconfigPool(Layout.SUBNET, network, netmask, start, end - start + 1, ipv6);
    }

    /** The pool of {@code server NETWORK NETMASK} with {@code topology net30}. */
    public static IfconfigPool net30(int network, int netmask) {
        return net30(network, netmask, null);
    }

    /** As {@link #net30(int, int)}, each entry paired with an address of {@code ipv6} (null for none). */
    public static IfconfigPool net30(int network, int netmask, Ipv6Pool ipv6) {
        int netbits = checkNetwork(network, netmask);
        int reserveAtEnd = netbits == MAX_NETBITS ? 0 : 4;
        int start = network + 4;
        int end = (network | ~netmask) - reserveAtEnd;
        int blockBase = start & ~3;
        int blocks = (int) ((((end | 3) & 0xffffffffL) + 1 - (blockBase & 0xffffffffL)) >> 2);
        if (blocks < 2) {
            throw new IllegalArgumentException("IPv4 pool size is too small (" + blocks + "), must be at least 2: "
                    + "server " + AddressText.ipv4(network) + " " + AddressText.ipv4(netmask)
                    + " leaves one /30 for clients with topology net30; use a /28 or larger, or topology subnet");
        }
        return new IfconfigPool(Layout.NET30, network, netmask, blockBase, blocks, ipv6);
    }

    private static int checkNetwork(int network, int netmask) {
        String where = "server " + AddressText.ipv4(network) + " " + AddressText.ipv4(netmask);
        int inverted = ~netmask;
        if ((inverted & (inverted + 1)) != 0) {
            throw new IllegalArgumentException(where + ": the netmask is not contiguous");
        }
        if ((network & inverted) != 0) {
            throw new IllegalArgumentException(where + ": the network has host bits set (network/netmask combination is invalid)");
        }
        int netbits = Integer.bitCount(netmask);
        if (netbits < MIN_NETBITS) {
            throw new IllegalArgumentException(where + ": the netmask allows for too many host addresses (subnet must be /"
                    + MIN_NETBITS + " or smaller)");
        }
        if (netbits > MAX_NETBITS) {
            throw new IllegalArgumentException(where + ": with dev tun the network must be a /" + MAX_NETBITS + " or larger");
        }
        return netbits;
    }

    /** The server TUN's own address: network + 1. */
    public int serverAddress() {
        return network + 1;
    }

    /** The second operand of the server TUN's {@code ifconfig}: net30 its peer (network + 2), subnet the netmask. */
    public int serverPeerOrNetmask() {
        return layout == Layout.NET30 ? network + 2 : netmask;
    }

    /** How many clients the pool can hold at once. */
    public int capacity() {
        return size;
    }

    /**
     * What 2.6 logs at start when the pool has an IPv6 half: a note when the IPv4 half limits the
     * clients, a warning ("likely a MISTAKE") when the IPv6 half does; empty when they are equal
     * or there is no IPv6 half.
     */
    public Optional<String> ipv6Limits() {
        if (ipv6 == null || ipv4Size == ipv6.size()) {
            return Optional.empty();
        }
        String sizes = "IPv4 pool size is " + ipv4Size + ", IPv6 pool size is " + ipv6.size() + ". ";
        return Optional.of(ipv4Size < ipv6.size()
                ? "NOTE: " + sizes + "IPv4 pool size limits the number of clients that can be served from the pool"
                : "WARNING: " + sizes + "IPv6 pool size limits the number of clients that can be served from the pool."
                        + " This is likely a MISTAKE - please check your configuration");
    }

    /**
     * An address for a connecting client, or empty if every entry is in use (or reserved).
     *
     * @param commonName the client's common name; the key of its remembered address unless
     *     {@code duplicateCn}
     * @param duplicateCn whether the server runs with {@code duplicate-cn}
     */
    public synchronized Optional<Lease> acquire(String commonName, boolean duplicateCn) {
        Objects.requireNonNull(commonName, "commonName");
        int entry = duplicateCn ? lowestFree() : find(commonName);
        if (entry < 0) {
            return Optional.empty();
        }
        inUse[entry] = true;
        owner[entry] = duplicateCn || !persistable(commonName) ? null : commonName;
        releasedAt[entry] = 0;
        return Optional.of(lease(entry, commonName));
    }

    private int lowestFree() {
        for (int i = 0; i < size; i++) {
            if (!inUse[i] && reservedFor[i] == null) {
                return i;
            }
        }
        return -1;
    }

    private int find(String commonName) {
        int oldest = -1;
        for (int i = 0; i < size; i++) {
            if (inUse[i] || reservedFor[i] != null) {
                continue;
            }
            if (commonName.equals(owner[i])) {
                return i;
            }
            if (!fixed[i] && (oldest < 0 || releasedAt[i] < releasedAt[oldest])) {
                oldest = i;
            }
        }
        return oldest;
    }

    private Lease lease(int entry, String commonName) {
        if (layout == Layout.NET30) {
            int block = base + (entry << 2);
            return new Lease(commonName, block + 2, block + 1);
        }
        return new Lease(commonName, base + entry, netmask);
    }

    /**
     * Gives a lease back when its client disconnects. The entry keeps the client's name, so the
     * client gets the same address on reconnecting unless the pool ran out in between.
     *
     * @return false if the lease is not one this pool has out (already released, or superseded)
     */
    public synchronized boolean release(Lease lease) {
        int entry = entryOf(lease.local());
        if (entry < 0 || !inUse[entry] || !lease.equals(lease(entry, lease.commonName()))) {
            return false;
        }
        if (owner[entry] != null && !owner[entry].equals(lease.commonName())) {
            return false;
        }
        inUse[entry] = false;
        releasedAt[entry] = ++releaseClock;
        return true;
    }

    /**
     * Keeps {@code address} (a client's {@code ifconfig-push} from the client-config-dir) away
     * from other clients. With net30 the whole /30 holding it is kept. An address outside the
     * pool needs no reservation and is accepted as it is.
     *
     * @return false if the pool has that address out to another client right now, or another
     *     common name reserved it
     */
    public synchronized boolean reserve(String commonName, int address) {
        Objects.requireNonNull(commonName, "commonName");
        int entry = entryOf(address);
        if (entry < 0) {
            return true;
        }
        if (reservedFor[entry] != null && !reservedFor[entry].equals(commonName)) {
            return false;
        }
        if (inUse[entry] && !commonName.equals(owner[entry])) {
            return false;
        }
        reservedFor[entry] = commonName;
        if (!commonName.equals(owner[entry])) {
            owner[entry] = null;
        }
        return true;
    }

    /** Undoes {@link #reserve}; false if {@code commonName} held no reservation there. */
    public synchronized boolean unreserve(String commonName, int address) {
        int entry = entryOf(address);
        if (entry < 0 || !commonName.equals(reservedFor[entry])) {
            return false;
        }
        reservedFor[entry] = null;
        return true;
    }

    /** The entry of a lease this pool handed out: what ties a client's IPv6 pool address to its IPv4 one. */
    public int entry(Lease lease) {
        return entryOf(lease.local());
    }

    /** The pool entry an address falls in, or -1 outside the pool (2.6's ip_base_to_handle). */
    private int entryOf(int address) {
        long offset = (address & 0xffffffffL) - (base & 0xffffffffL);
        if (layout == Layout.NET30) {
            offset >>= 2;
        }
        return offset < 0 || offset >= size ? -1 : (int) offset;
    }

    /** The address 2.6 writes to the persist file for an entry: the client's, or its /30's base. */
    private int persistedAddress(int entry) {
        return layout == Layout.NET30 ? base + (entry << 2) : base + entry;
    }

    /** As {@link #load(Path, boolean)} for {@code ifconfig-pool-persist FILE} with a refresh period. */
    public List<PersistWarning> load(Path file) throws IOException {
        return load(file, false);
    }

    /**
     * Remembers the common names and addresses of an {@code ifconfig-pool-persist} file (2.6's
     * {@code ifconfig_pool_read}); meant for start-up, before any client connects. A missing file
     * is an empty one (2.6 creates it). Lines 2.6 would skip are skipped and reported.
     *
     * @param fixed {@code ifconfig-pool-persist FILE 0}: the entries go to their own names only
     * @return one warning per line skipped or overridden, with its line number
     */
    public List<PersistWarning> load(Path file, boolean fixed) throws IOException {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        PersistFile.Parsed parsed = PersistFile.parse(text);
        List<PersistWarning> warnings = new ArrayList<>(parsed.warnings());
        synchronized (this) {
            Map<Integer, Integer> lineOfEntry = new HashMap<>();
            for (PersistFile.Entry line : parsed.entries()) {
                String problem = remember(line, fixed, lineOfEntry, warnings);
                if (problem != null) {
                    warnings.add(new PersistWarning(line.lineNumber(), problem));
                }
            }
        }
        warnings.sort((a, b) -> Integer.compare(a.lineNumber(), b.lineNumber()));
        return List.copyOf(warnings);
    }

    private String remember(PersistFile.Entry line, boolean fixedEntry, Map<Integer, Integer> lineOfEntry, List<PersistWarning> warnings) {
        int entry = -1;
        String address = null;
        if (line.ipv4() != null) {
            address = "IPv4 (" + AddressText.ipv4(line.ipv4()) + ")";
            entry = entryOf(line.ipv4());
            if (entry < 0) {
                warnings.add(new PersistWarning(line.lineNumber(), address + " out of pool range for CN=" + line.commonName()));
            }
        }
        if (line.ipv6() != null && (ipv6 != null || line.ipv4() == null)) {
            String address6 = "IPv6 (" + AddressText.ipv6(line.ipv6().hi(), line.ipv6().lo()) + ")";
            int entry6 = ipv6 == null ? -1 : ipv6.entryOf(line.ipv6().hi(), line.ipv6().lo());
            if (entry6 >= size) {
                entry6 = -1;
            }
            if (entry6 < 0) {
                warnings.add(new PersistWarning(line.lineNumber(), address6 + " out of pool range for CN=" + line.commonName()
                        + (ipv6 == null ? " (this server has no IPv6 pool)" : "")));
            } else if (entry < 0) {
                // 2.6 relies on the IPv6 address when there is no usable IPv4 one.
                entry = entry6;
                address = address6;
            } else if (entry != entry6) {
                warnings.add(new PersistWarning(line.lineNumber(), address + " and " + address6 + " for CN=" + line.commonName()
                        + " have different offsets; relying on IPv4"));
            }
        }
        if (entry < 0) {
            return null;
        }
        if (inUse[entry]) {
            return address + " for CN=" + line.commonName() + " is in use by a connected client; line ignored";
        }
        if (reservedFor[entry] != null) {
            return address + " for CN=" + line.commonName() + " is reserved by ifconfig-push for CN="
                    + reservedFor[entry] + "; line ignored";
        }
        if (!persistable(line.commonName())) {
            return "CN=" + line.commonName() + " cannot be written back to the file; line ignored";
        }
        Integer earlier = lineOfEntry.put(entry, line.lineNumber());
        owner[entry] = line.commonName();
        releasedAt[entry] = ++releaseClock;
        fixed[entry] = fixedEntry;
        return earlier == null ? null
                : address + " was also given on line " + earlier + "; CN=" + line.commonName() + " from this line wins";
    }

    /** The file's text as 2.6 would write it now: every entry that remembers a name, in address order. */
    public synchronized String persistText() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < size; i++) {
            if (owner[i] != null) {
                text.append(PersistFile.line(owner[i], persistedAddress(i), ipv6 == null ? "" : ipv6.text(i)));
            }
        }
        return text.toString();
    }

    /**
     * Writes the persist file (2.6's {@code ifconfig_pool_write}), replacing it atomically: the
     * text goes to a temporary file beside it, is synced, then renamed over it. An existing
     * file's permissions are kept; a new one is readable by its owner only, as 2.6 creates it.
     */
    public void save(Path file) throws IOException {
        KeptFile.replaceAtomically(file, persistText());
    }

    /**
     * Whether a name can be a line's first field and read back as itself. A certificate's
     * common name is the client's to choose; one with a comma or line break would corrupt the
     * file, so such a client gets an address but no memory of it.
     */
    static boolean persistable(String commonName) {
        if (commonName.isEmpty() || commonName.length() > PersistFile.MAX_FIELD_LENGTH
                || commonName.charAt(0) == '#' || commonName.charAt(0) == ';') {
            return false;
        }
        for (int i = 0; i < commonName.length(); i++) {
            char c = commonName.charAt(i);
            if (c == ',' || c == '\n' || c == '\r') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "IfconfigPool[" + layout.name().toLowerCase(java.util.Locale.ROOT) + " " + AddressText.ipv4(network) + "/"
                + Integer.bitCount(netmask) + ", " + size + " entries]";
    }
}
