package dev.culvert.ssl.bc;

import dev.culvert.spi.tls.RequiredPeerUsage;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * BCJSSE's PKIX trust manager with operator-readable refusals and {@code remote-cert-tls}: the
 * dates and the issuing CA are checked first ({@link PeerChainCheck}), then the required usage
 * ({@link PeerUsageCheck}), then PKIX itself, whose refusals are prefixed with the certificate's
 * name. The first refusal of an engine is kept, so {@link ExplainingSSLEngine} can put it into
 * the handshake exception the caller sees (BCJSSE's own says only "certificate_unknown(46)").
 */
final class ExplainingTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager pkix;
    private final List<X509Certificate> anchors;
    private final RequiredPeerUsage requiredUsage;
    private final Clock clock;
    private volatile String refusal;

    ExplainingTrustManager(X509ExtendedTrustManager pkix, List<X509Certificate> anchors, RequiredPeerUsage requiredUsage, Clock clock) {
        this.pkix = pkix;
        this.anchors = anchors;
        this.requiredUsage = requiredUsage;
        this.clock = clock;
    }

    /** Why the peer's certificate was refused, or null if it was not (or not yet checked). */
    String refusal() {
        return refusal;
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

    private CertificateException refuse(String problem, Throwable cause) {
        if (refusal == null) {
            refusal = problem;
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
