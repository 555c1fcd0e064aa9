package dev.culvert.vpn.config;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.HmacDigest;
import dev.culvert.vpn.push.DataCiphers;
import dev.culvert.vpn.session.DataSettings;
import java.util.List;

/**
 * The data channel's cipher lines, read as 2.6 reads them (options.c
 * {@code options_postprocess_cipher}):
 * <ul>
 *   <li>{@code data-ciphers} (or its old name {@code ncp-ciphers}, the last one winning): the
 *       negotiable list, AEAD and AES-CBC;</li>
 *   <li>{@code cipher} and {@code data-ciphers-fallback} both set 2.6's one configured cipher,
 *       the last line winning. {@code data-ciphers-fallback} makes it the cipher for a peer that
 *       negotiates none; so does {@code cipher} on a point-to-point peer. On a client or server,
 *       {@code cipher} alone only names the cipher in the OCC string when it is in the list, and
 *       is otherwise ignored for negotiation, with 2.6's warning;</li>
 *   <li>{@code auth}: the HMAC digest of a CBC cipher (and of tls-auth).</li>
 * </ul>
 *
 * @param dataCiphers the negotiable ciphers, in preference order
 * @param occCipher   the cipher named in this side's OCC options string, or {@code null}
 * @param fallback    the cipher for a peer that negotiates none, or {@code null}
 * @param auth        the HMAC digest of a CBC cipher
 */
record DataCipherConfig(List<DataCipher> dataCiphers, DataCipher occCipher, DataCipher fallback, HmacDigest auth) {
    private static final String LIST_FIX = "list ciphers Culvert has, e.g. " + DataCiphers.DEFAULT + ":AES-256-CBC";

    static DataCipherConfig from(Config config, HmacDigest auth, boolean peerToPeer) throws ConfigException {
        List<DataCipher> list = DataCiphers.parse(DataCiphers.DEFAULT);
        DataCipher configured = null;
        Directive configuredLine = null;
        boolean fallbackSet = false;
        for (Directive d : config.directives()) {
            switch (d.name()) {
                case "data-ciphers", "ncp-ciphers" -> list = parseList(d);
                case "cipher", "data-ciphers-fallback" -> {
                    configuredLine = d;
                    fallbackSet |= d.name().equals("data-ciphers-fallback");
                    configured = DataCipher.byOpenvpnName(d.args().get(0));
                }
                default -> {
                }
            }
        }
        boolean fallback = fallbackSet || peerToPeer && configuredLine != null;
        if (configuredLine != null && configured == null) {
            if (fallback) {
                throw refusal(configuredLine);
            }
            warn(configuredLine, "'" + configuredLine.args().get(0) + "' is not a cipher Culvert has; 2.6 ignores 'cipher' for "
                    + "negotiation on a client or server, and so does Culvert");
        } else if (configured != null && !fallback && !list.contains(configured)) {
            warn(configuredLine, "DEPRECATED OPTION: cipher set to '" + configured.openvpnName() + "' but missing in data-ciphers ("
                    + DataCiphers.names(list) + "); it is ignored for cipher negotiation, as in 2.6");
        }
        DataCipher occ = configured != null && (peerToPeer || list.contains(configured)) ? configured : null;
        return new DataCipherConfig(list, occ, fallback ? configured : null, auth);
    }

    /** Checks one line alone, for {@code --check}'s per-line pass. */
    static void check(Directive d) throws ConfigException {
        switch (d.name()) {
            case "data-ciphers", "ncp-ciphers" -> {
                d.expectArgs(1, 1, d.name() + " " + DataCiphers.DEFAULT);
                parseList(d);
            }
            case "data-ciphers-fallback" -> {
                d.expectArgs(1, 1, "data-ciphers-fallback CIPHER, e.g. AES-256-CBC");
                if (DataCipher.byOpenvpnName(d.args().get(0)) == null) {
                    throw refusal(d);
                }
            }
            case "cipher" -> d.expectArgs(1, 1, "cipher NAME");
            default -> throw new IllegalArgumentException(d.name());
        }
    }

    /** The HMAC length if this node may settle on a CBC cipher (listed, or the fallback), else {@link Mssfix#NO_CBC}. */
    int cbcHmacLength() {
        boolean cbc = fallback != null && !fallback.isAead() || dataCiphers.stream().anyMatch(c -> !c.isAead());
        return cbc ? auth.length() : Mssfix.NO_CBC;
    }

    /** The settings a session takes from these lines. */
    DataSettings settings(DataSettings base) {
        return base.withLegacy(occCipher, fallback, auth);
    }

    private static List<DataCipher> parseList(Directive d) throws ConfigException {
        try {
            return DataCiphers.parse(d.args().get(0));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(d, e.getMessage(), LIST_FIX);
        }
    }

    private static ConfigException refusal(Directive d) {
        return new ConfigException(d, DataCiphers.unsupported(d.name(), d.args().get(0)), "name the cipher the peer uses, e.g. AES-256-CBC");
    }

    private static void warn(Directive d, String text) {
        System.getLogger(DataCipherConfig.class.getName()).log(System.Logger.Level.WARNING, d.where() + ": " + text);
    }
}
