package dev.culvert.core.config;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.spi.config.DirectiveClaim;
import dev.culvert.spi.config.DirectiveHandler;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the installed modules claim, asked of them, and what the kernel answers for a directive
 * none of them claims. The kernel lists no module's directives: it knows only OpenVPN 2.6's
 * option names ({@link OpenVpnOptions}) and the declarations of modules it can see but that are
 * not installed (the {@link DirectiveHandler}s on the class path, or those handed in), so that
 * an error says to install the module that takes a directive, or that the word is not an option.
 *
 * <p>When two installed modules claim a name, one that implements it wins over one that takes it
 * as a no-op, which wins over one that refuses it; between equals the first installed wins.
 */
public final class DirectiveCatalog {
    /** A module's claim on one name. */
    private record Owner(DirectiveHandler handler, DirectiveClaim claim) {
    }

    private final Map<String, Owner> installed = new HashMap<>();
    private final Map<String, String> known = new HashMap<>();
    private final Set<String> installedModules = new TreeSet<>();

    private DirectiveCatalog(Collection<? extends DirectiveHandler> handlers, Collection<? extends DirectiveHandler> others) {
        for (DirectiveHandler h : handlers) {
            installedModules.add(h.module());
            for (DirectiveClaim claim : h.claims()) {
                Owner before = installed.get(claim.name());
                if (before == null || rank(claim) > rank(before.claim())) {
                    installed.put(claim.name(), new Owner(h, claim));
                }
            }
        }
        for (DirectiveHandler h : others) {
            for (DirectiveClaim claim : h.claims()) {
                known.putIfAbsent(claim.name(), h.module());
            }
        }
    }

    private static int rank(DirectiveClaim claim) {
        return claim.isImplemented() ? 2 : claim.isNoOp() ? 1 : 0;
    }

    /**
     * The catalog of the installed handlers; a directive none of them claims is looked up in the
     * declarations of the modules on the kernel's class path.
     */
    public static DirectiveCatalog of(Collection<? extends DirectiveHandler> installed) {
        return new DirectiveCatalog(installed, onClassPath());
    }

    /** The catalog of the installed handlers, knowing also the declarations of {@code notInstalled}. */
    public static DirectiveCatalog of(Collection<? extends DirectiveHandler> installed, Collection<? extends DirectiveHandler> notInstalled) {
        return new DirectiveCatalog(installed, notInstalled);
    }

    /** Every module's handler on the class path (inside OSGi: the kernel bundle's own, none). */
    private static List<DirectiveHandler> onClassPath() {
        try {
            return ServiceLoader.load(DirectiveHandler.class, DirectiveCatalog.class.getClassLoader()).stream()
                    .map(ServiceLoader.Provider::get).toList();
        } catch (java.util.ServiceConfigurationError e) {
            // A broken provider on the class path must not make every configuration unusable.
            return List.of();
        }
    }

    /** The module that claims {@code directive}, installed or only known, or {@code null}. */
    public String moduleFor(String directive) {
        Owner owner = installed.get(directive);
        return owner != null ? owner.handler().module() : known.get(directive);
    }

    /** Whether an installed module implements {@code directive} or accepts it as a no-op. */
    public boolean takes(String directive) {
        Owner owner = installed.get(directive);
        return owner != null && !owner.claim().isRefused();
    }

    /** Why {@code directive} changes nothing, when an installed module accepts it as a no-op. */
    public Optional<String> noOpReason(String directive) {
        Owner owner = installed.get(directive);
        return owner != null && owner.claim().isNoOp() ? Optional.of(owner.claim().note()) : Optional.empty();
    }

    /**
     * Checks one directive: an installed module that implements it checks its arguments; a no-op
     * gets its arguments checked by its claim; one that refuses it gives its reason; otherwise the
     * error says what the word is and what to do.
     */
    public void check(Directive d) throws ConfigException {
        Owner owner = installed.get(d.name());
        if (owner == null) {
            throw unclaimed(d);
        }
        if (owner.claim().isRefused()) {
            throw owner.claim().refusal(d);
        }
        if (owner.claim().isNoOp()) {
            owner.claim().arguments().check(d);
            return;
        }
        String module = owner.handler().module();
        try {
            owner.handler().check(d);
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConfigException(d, "module " + module + " failed to check '" + d.name() + "': " + e,
                    "this is a bug in " + module + "; please report it with the line");
        }
    }

    private ConfigException unclaimed(Directive d) {
        String module = known.get(d.name());
        if (module != null && !installedModules.contains(module)) {
            return new ConfigException(d, "'" + d.name() + "' is taken by " + module + ", which is not installed",
                    "install " + module + " (put its bundle in deploy/, or add it to the embedded builder), or remove the line");
        }
        if (OpenVpnOptions.isOption(d.name())) {
            return new ConfigException(d, "'" + d.name() + "' is an OpenVPN 2.6 option that no installed module takes,"
                    + " and no module this node knows of declares it",
                    "install the module that implements it (put its bundle in deploy/, or add it to the embedded builder), or remove the line");
        }
        java.util.Optional<OpenVpnOptions.Removed> removed = OpenVpnOptions.removed(d.name());
        if (removed.isPresent()) {
            return new ConfigException(d, "'" + d.name() + "' was removed in OpenVPN " + removed.get().version()
                    + ", and 2.6 refuses it too", removed.get().fix());
        }
        return new ConfigException(d, "unknown directive '" + d.name() + "'",
                "check its spelling against OpenVPN 2.6's manual, or remove the line");
    }
}
