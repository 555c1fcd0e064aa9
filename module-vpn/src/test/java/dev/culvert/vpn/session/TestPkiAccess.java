package dev.culvert.vpn.session;

import dev.culvert.core.aead.JceAeadProvider;
import dev.culvert.spi.tls.RequiredPeerUsage;
import dev.culvert.spi.tls.TlsSettings;
import dev.culvert.ssl.bc.BcTlsProvider;
import dev.culvert.testing.pki.TestPki;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.OccOptionsString;
import dev.culvert.vpn.push.PushReplyBuilder;
import java.security.SecureRandom;
import java.util.List;

/** Lets tests in other packages use the session tests' PKI. */
public final class TestPkiAccess {
    private TestPkiAccess() {
    }

    public static String caPem() throws Exception {
        return TestPki.ca("config-ca").certificatePem();
    }

    /**
     * Writes a fresh CA ({@code ca.crt}), a server's certificate and key ({@code server.crt},
     * {@code server.key}, TLS server usage) and a client's ({@code client.crt}, {@code client.key},
     * TLS client usage) into {@code dir}, for configuration files that name them.
     */
    public static void writeServerAndClient(java.nio.file.Path dir) throws Exception {
        writeRuntimePki(dir);
    }

    /** What {@link #writeRuntimePki} wrote, for tests that issue more from the same CA (another client, a CRL). */
    public record RuntimePki(TestPki.Issued ca, TestPki.Issued server, TestPki.Issued client) {
    }

    /** As {@link #writeServerAndClient}, returning the CA, the server's and the client's certificates and keys. */
    public static RuntimePki writeRuntimePki(java.nio.file.Path dir) throws Exception {
        TestPki.Issued ca = TestPki.ca("runtime-ca");
        java.nio.file.Files.writeString(dir.resolve("ca.crt"), ca.certificatePem());
        TestPki.Issued server = TestPki.leaf(ca, "runtime-server", TestPki.Usage.SERVER);
        server.write(dir.resolve("server.crt"), dir.resolve("server.key"));
        TestPki.Issued client = TestPki.leaf(ca, "runtime-client", TestPki.Usage.CLIENT);
        client.write(dir.resolve("client.crt"), dir.resolve("client.key"));
        return new RuntimePki(ca, server, client);
    }

    /** A client's and a server's settings that trust each other (one fresh CA), as {@link SessionPair} makes them. */
    public record SettingsPair(SessionSettings client, SessionSettings server) {
    }

    /**
     * Settings for both roles over UDP with AES-256-GCM, the given wrappings ({@code tlsAuth} says
     * whether they are tls-auth, for the OCC string), and a server that pushes a peer-id and
     * protocol-flags.
     */
    public static SettingsPair settingsPair(ControlWrapFactory clientWrap, ControlWrapFactory serverWrap, boolean tlsAuth)
            throws Exception {
        TestPki.Issued ca = TestPki.ca("pair-ca");
        TestPki.Issued serverCert = TestPki.leaf(ca, "pair-server", TestPki.Usage.SERVER);
        TestPki.Issued clientCert = TestPki.leaf(ca, "pair-client", TestPki.Usage.CLIENT);
        BcTlsProvider tls = new BcTlsProvider();
        PushReplySource push = (info, cipher, ekm, ccExit) -> new PushReplyBuilder().push("topology subnet")
                .ifconfig("10.8.0.2", "255.255.255.0").peerId(0).cipher(cipher).protocolFlags(info.ivProto(), ccExit, ekm, false)
                .build();
        List<DataCipher> ciphers = List.of(DataCipher.AES_256_GCM);
        SessionTimers timers = SessionTimers.defaults().withReneg(0).withPing(10).withPingRestart(60);
        SessionSettings client = SessionSettings.forClient(new CommonSettings(tls,
                new TlsSettings(true, List.of(ca.certificate()), List.of(clientCert.certificate()), clientCert.keys().getPrivate(),
                        "TLSv1.2", "TLSv1.3", false, RequiredPeerUsage.TLS_SERVER),
                ControlWrapping.of(clientWrap, tlsAuth), OccOptionsString.Transport.UDP, DataSettings.of(ciphers, new JceAeadProvider()),
                timers, new SecureRandom()), ClientSettings.announcing("t"));
        SessionSettings server = SessionSettings.forServer(new CommonSettings(tls,
                new TlsSettings(false, List.of(ca.certificate()), List.of(serverCert.certificate()), serverCert.keys().getPrivate(),
                        "TLSv1.2", "TLSv1.3", true, RequiredPeerUsage.TLS_CLIENT),
                ControlWrapping.of(serverWrap, tlsAuth), OccOptionsString.Transport.UDP, DataSettings.of(ciphers, new JceAeadProvider()),
                timers, new SecureRandom()), ServerSettings.pushing(push));
        return new SettingsPair(client, server);
    }
}
