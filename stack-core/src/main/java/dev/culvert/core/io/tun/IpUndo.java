package dev.culvert.core.io.tun;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code ip} command that takes back what another added to a device: {@code addr add|replace
 * X ...} becomes {@code addr del X ...}, {@code route add|replace|append P ...} becomes
 * {@code route del P ...}, with the same family switch. Commands that add nothing to take back
 * (a flush, a link setting) have none.
 */
final class IpUndo {
    private static final Set<String> ADDRESS = Set.of("addr", "address", "a");
    private static final Set<String> ROUTE = Set.of("route", "r");
    private static final Set<String> ADDS = Set.of("add", "replace", "append", "change");

    private IpUndo() {
    }

    static Optional<List<String>> of(List<String> ipArguments) {
        int at = 0;
        while (at < ipArguments.size() && ipArguments.get(at).startsWith("-")) {
            at++; // -4, -6
        }
        if (ipArguments.size() < at + 3) {
            return Optional.empty();
        }
        String object = ipArguments.get(at);
        String verb = ipArguments.get(at + 1);
        boolean address = ADDRESS.contains(object);
        if (!(address || ROUTE.contains(object)) || !ADDS.contains(verb) || (address && verb.equals("append"))) {
            return Optional.empty();
        }
        List<String> undo = new ArrayList<>(ipArguments.subList(0, at + 1));
        undo.add("del");
        undo.addAll(ipArguments.subList(at + 2, ipArguments.size()));
        return Optional.of(List.copyOf(undo));
    }

    /** The device a command names after {@code dev}, or empty. */
    static Optional<String> device(List<String> ipArguments) {
        for (int i = 0; i + 1 < ipArguments.size(); i++) {
            if (ipArguments.get(i).equals("dev")) {
                return Optional.of(ipArguments.get(i + 1));
            }
        }
        return Optional.empty();
    }
}
