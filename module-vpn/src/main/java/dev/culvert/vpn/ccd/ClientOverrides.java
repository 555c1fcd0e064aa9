package dev.culvert.vpn.ccd;

import dev.culvert.spi.route.Prefix;
import dev.culvert.vpn.config.IfconfigIpv6;
import dev.culvert.vpn.push.ClientPushOverrides;
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
}
