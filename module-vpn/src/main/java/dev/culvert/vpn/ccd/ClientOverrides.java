package dev.culvert.vpn.ccd;

import dev.culvert.spi.route.Prefix;
import dev.culvert.vpn.config.IfconfigIpv6;
import dev.culvert.vpn.push.ClientPushOverrides;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one client's client-config-dir file says.
 *
 * @param ifconfigPush its fixed address ({@code ifconfig-push}), else the pool chooses
 * @param iroutes      networks behind this client ({@code iroute}, {@code iroute-ipv6}), in file order
 * @param push         its own {@code push} options, sent after the global ones
 * @param pushReset    {@code push-reset}: the global push list is not sent to it (all of it, as 2.6)
 * @param disable      {@code disable}: the client is refused
 * @param ifconfigIpv6Push its fixed IPv6 address ({@code ifconfig-ipv6-push}), else the IPv6 pool chooses
 */
public record ClientOverrides(Optional<IfconfigPush> ifconfigPush, List<Prefix> iroutes, List<String> push, boolean pushReset,
                              boolean disable, Optional<IfconfigIpv6> ifconfigIpv6Push) implements ClientPushOverrides {
    /** No file: nothing overridden. */
    public static final ClientOverrides NONE = new ClientOverrides(Optional.empty(), List.of(), List.of(), false, false);

    /** Overrides without an IPv6 address. */
    public ClientOverrides(Optional<IfconfigPush> ifconfigPush, List<Prefix> iroutes, List<String> push, boolean pushReset, boolean disable) {
        this(ifconfigPush, iroutes, push, pushReset, disable, Optional.empty());
    }

    public ClientOverrides {
        Objects.requireNonNull(ifconfigPush, "ifconfigPush");
        Objects.requireNonNull(ifconfigIpv6Push, "ifconfigIpv6Push");
        iroutes = List.copyOf(iroutes);
        push = List.copyOf(push);
    }

    /**
     * These overrides with {@code later}'s applied on top, as 2.6 applies a client-connect file
     * after the client-config-dir file: a later address replaces this one, iroutes and push options
     * add up (a later {@code push-reset} drops this file's push options as well as the global ones),
     * and either {@code disable} refuses the client.
     */
    public ClientOverrides then(ClientOverrides later) {
        List<Prefix> routes = new ArrayList<>(iroutes);
        routes.addAll(later.iroutes);
        List<String> options = new ArrayList<>(later.pushReset ? List.of() : push);
        options.addAll(later.push);
        return new ClientOverrides(later.ifconfigPush.or(() -> ifconfigPush), routes, options, pushReset || later.pushReset,
                disable || later.disable, later.ifconfigIpv6Push.or(() -> ifconfigIpv6Push));
    }
}
