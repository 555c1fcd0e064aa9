package dev.culvert.core.tlscheck;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The refusals an operator meets most, found before PKIX validation so that they can be said
 * plainly: a certificate outside its validity dates, and a chain that leads to none of the
 * configured CAs. PKIX validation still runs afterwards and has the last word (signatures,
 * constraints, algorithms); these checks only choose the words.
 */
public final class PeerChainCheck {
    private PeerChainCheck() {
    }

    /**
     * Why {@code chain} (the peer's certificate first) is refused, or null if these checks pass.
     *
     * @param peer "server" or "client", the peer's role
     */
    public static String problem(X509Certificate[] chain, List<X509Certificate> anchors, String peer, Instant now) {
        if (chain == null || chain.length == 0) {
            return "the " + peer + " sent no certificate";
        }
        for (int i = 0; i < chain.length; i++) {
            String who = i == 0 ? peer + " certificate " + name(chain[i]) : peer + "'s intermediate certificate " + name(chain[i]);
            String dates = dateProblem(chain[i], who, now);
            if (dates != null) {
                return dates;
            }
        }
        X509Certificate anchor = anchorOf(chain, anchors);
        if (anchor == null) {
            X509Certificate last = chain[chain.length - 1];
            return peer + " certificate " + name(chain[0]) + " was issued by " + last.getIssuerX500Principal().getName()
                    + ", which is not the configured ca (" + anchors.stream().map(PeerChainCheck::name).collect(Collectors.joining("; "))
                    + "); check that the ca file is the one that issued the " + peer + "'s certificate";
        }
        return dateProblem(anchor, "the configured ca " + name(anchor), now);
    }

    /** The subject as RFC 2253 text, e.g. {@code CN=vpn,O=Example}. */
    public static String name(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    private static X509Certificate anchorOf(X509Certificate[] chain, List<X509Certificate> anchors) {
        for (X509Certificate certificate : chain) {
            for (X509Certificate anchor : anchors) {
                if (certificate.equals(anchor) || certificate.getIssuerX500Principal().equals(anchor.getSubjectX500Principal())) {
                    return anchor;
                }
            }
        }
        return null;
    }

    private static String dateProblem(X509Certificate certificate, String who, Instant now) {
        try {
            certificate.checkValidity(Date.from(now));
            return null;
        } catch (CertificateExpiredException e) {
            return who + " expired on " + certificate.getNotAfter().toInstant() + " (the time here is " + now
                    + "); renew it, or check this machine's clock";
        } catch (CertificateNotYetValidException e) {
            return who + " is not valid before " + certificate.getNotBefore().toInstant() + " (the time here is " + now
                    + "); check this machine's clock";
        }
    }
}
