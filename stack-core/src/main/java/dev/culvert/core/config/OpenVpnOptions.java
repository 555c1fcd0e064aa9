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
    private static final Set<String> NAMES = load();

    private OpenVpnOptions() {
    }

    /** Whether {@code name} is an option of OpenVPN 2.6. */
    public static boolean isOption(String name) {
        return NAMES.contains(name);
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
