package dev.culvert.core.tlscheck;

import dev.culvert.spi.tls.RequiredPeerUsage;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A PKIX trust manager with operator-readable refusals and {@code remote-cert-tls}: the dates and
 * the issuing CA are checked first ({@link PeerChainCheck}), then the required usage
 * ({@link PeerUsageCheck}), then PKIX itself, whose refusals are prefixed with the certificate's
 * name. The first refusal is kept, so the TLS provider can put it into the handshake exception the
 * caller sees (TLS libraries' own say only "certificate_unknown" or "CERTIFICATE_VERIFY_FAILED").
 * One per SSLContext, shared by its engines: the refusal is kept in the {@link EngineRecord} bound
 * to the thread, which is the record of the engine whose handshake asked.
 */
public final class ExplainingTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager pkix;
    private final List<X509Certificate> anchors;
    private final RequiredPeerUsage requiredUsage;
    private final Clock clock;

    /**
     * @param pkix the PKIX trust manager over exactly {@code anchors} ({@link PkixTrustManagers#forAnchors})
     * @param clock judges the dates this class checks (PKIX underneath uses the system time)
     */
    public ExplainingTrustManager(X509ExtendedTrustManager pkix, List<X509Certificate> anchors, RequiredPeerUsage requiredUsage, Clock clock) {
        this.pkix = pkix;
        this.anchors = List.copyOf(anchors);
        this.requiredUsage = requiredUsage;
        this.clock = clock;
    }

    private interface PkixCheck {
        void run() throws CertificateException;
    }

    private void check(X509Certificate[] chain, String peer, PkixCheck pkixCheck) throws CertificateException {
        String problem = PeerChainCheck.problem(chain, anchors, peer, clock.instant());
        if (problem == null) {
            problem = PeerUsageCheck.problem(chain[0], requiredUsage, peer + " certificate " + PeerChainCheck.name(chain[0]));
        }
        if (problem != null) {
            throw refuse(problem, null);
        }
        try {
            pkixCheck.run();
        } catch (CertificateException e) {
            throw refuse(peer + " certificate " + PeerChainCheck.name(chain[0]) + " is not trusted by the configured ca: " + deepestMessage(e), e);
        }
    }

    private static CertificateException refuse(String problem, Throwable cause) {
        EngineRecord record = EngineRecord.bound();
        if (record != null) {
            record.refuse(problem);
        }
        return new CertificateException(problem, cause);
    }

    private static String deepestMessage(Throwable e) {
        String message = e.getMessage();
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, "server", () -> pkix.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, "client", () -> pkix.checkClientTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, "server", () -> pkix.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, "client", () -> pkix.checkClientTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, "server", () -> pkix.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, "client", () -> pkix.checkClientTrusted(chain, authType));
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }
}
