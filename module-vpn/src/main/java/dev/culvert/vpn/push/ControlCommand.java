package dev.culvert.vpn.push;

/**
 * The control-channel commands OpenVPN 2.6 recognises (forward.c
 * {@code check_incoming_control_channel}), matched by prefix in 2.6's order, so that
 * {@code INFO_PRE,…} is not taken for {@code INFO}.
 */
public enum ControlCommand {
    AUTH_FAILED("AUTH_FAILED"),
    PUSH_REQUEST("PUSH_REQUEST"),
    PUSH_REPLY("PUSH_REPLY"),
    RESTART("RESTART"),
    HALT("HALT"),
    INFO_PRE("INFO_PRE"),
    INFO("INFO"),
    CR_RESPONSE("CR_RESPONSE"),
    AUTH_PENDING("AUTH_PENDING"),
    EXIT("EXIT"),
    /** Anything else; 2.6 logs and ignores it. */
    UNKNOWN("");

    private final String prefix;

    ControlCommand(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** The command {@code message} starts with. */
    public static ControlCommand of(String message) {
        for (ControlCommand c : values()) {
            if (c != UNKNOWN && message.startsWith(c.prefix)) {
                return c;
            }
        }
        return UNKNOWN;
    }

    /**
     * What follows {@code PREFIX,} in {@code message} (e.g. the reason of {@code AUTH_FAILED,…}),
     * empty if there is no comma right after the prefix.
     */
    public static String argument(ControlCommand command, String message) {
        int p = command.prefix.length();
        return message.length() > p && message.charAt(p) == ',' ? message.substring(p + 1) : "";
    }
}
