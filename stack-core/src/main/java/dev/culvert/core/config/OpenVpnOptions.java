package dev.culvert.core.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The option names of OpenVPN 2.6, a protocol fact the kernel keeps so that a word no installed
 * module claims can be told apart: a real option that needs a module, or a misspelling. The names
 * come from OpenVPN 2.6.14's manual and {@code openvpn --help} (the resource file says how).
 */
public final class OpenVpnOptions {
    private static final String RESOURCE = "openvpn-2.6-options.txt";
    private static final String REMOVED_RESOURCE = "openvpn-removed-options.txt";
    private static final Set<String> NAMES = load();
    private static final java.util.Map<String, Removed> REMOVED = loadRemoved();

    /**
     * An option OpenVPN removed: the version that removed it, and what to write instead.
     *
     * @param version e.g. {@code 2.5}
     * @param fix     what to do with the line
     */
    public record Removed(String version, String fix) {
    }

    private OpenVpnOptions() {
    }

    /** Whether {@code name} is an option of OpenVPN 2.6. */
    public static boolean isOption(String name) {
        return NAMES.contains(name);
    }

    /** How {@code name} was removed from OpenVPN, if it was an option that 2.6 no longer takes. */
    public static java.util.Optional<Removed> removed(String name) {
        return java.util.Optional.ofNullable(REMOVED.get(name));
    }

    private static java.util.Map<String, Removed> loadRemoved() {
        java.util.Map<String, Removed> removed = new java.util.HashMap<>();
        try (InputStream in = OpenVpnOptions.class.getResourceAsStream(REMOVED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(REMOVED_RESOURCE + " is missing from stack-core");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] parts = line.strip().split(" ", 3);
                if (parts.length == 3 && !parts[0].startsWith("#")) {
                    removed.put(parts[0], new Removed(parts[1], parts[2]));
                }
            }
            return java.util.Map.copyOf(removed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every option name, sorted. */
    public static Set<String> names() {
        return NAMES;
    }

    private static Set<String> load() {
        try (InputStream in = OpenVpnOptions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from stack-core");
            }
            Set<String> names = new TreeSet<>();
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
            return Collections.unmodifiableSet(names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
