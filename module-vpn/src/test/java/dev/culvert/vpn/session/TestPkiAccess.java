package dev.culvert.vpn.session;

/** Lets tests in other packages use the session tests' PKI. */
public final class TestPkiAccess {
    private TestPkiAccess() {
    }

    public static String caPem() throws Exception {
        return SessionPki.ca("config-ca").certificatePem();
    }
}
