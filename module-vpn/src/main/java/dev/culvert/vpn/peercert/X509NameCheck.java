package dev.culvert.vpn.peercert;

import dev.culvert.vpn.session.PeerCertificateName;
import dev.culvert.vpn.session.PeerCertificatePolicy;
import dev.culvert.vpn.session.PeerRefusal;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * {@code verify-x509-name NAME [subject|name|name-prefix]} on the peer's own certificate, as 2.6's
 * {@code verify_peer_cert}: {@code subject} (the default) compares the whole subject as 2.6 prints
 * it ({@link OpenSslSubject}); {@code name} compares the common name; {@code name-prefix} wants
 * the common name to start with NAME. Comparisons are exact and case-sensitive, as 2.6's
 * {@code strcmp}.
 */
public final class X509NameCheck implements PeerCertificatePolicy {
    /** The forms of {@code verify-x509-name}. */
    public enum Form {
        SUBJECT("subject"), NAME("name"), NAME_PREFIX("name-prefix");

        private final String word;

        Form(String word) {
            this.word = word;
        }

        /** The form this word names, or null. */
        public static Form of(String word) {
            for (Form f : values()) {
                if (f.word.equals(word)) {
                    return f;
                }
            }
            return null;
        }
    }

    private final String expected;
    private final Form form;

    public X509NameCheck(String expected, Form form) {
        this.expected = expected;
        this.form = form;
    }

    @Override
    public PeerRefusal check(List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            return new PeerRefusal(CertificateDrops.X509_NAME, directive() + ": the peer sent no certificate");
        }
        X509Certificate leaf = chain.get(0);
        String subject = OpenSslSubject.of(leaf);
        String commonName = PeerCertificateName.commonName(leaf);
        String cn = commonName == null ? "" : OpenSslSubject.remap(commonName);
        boolean ok = switch (form) {
            case SUBJECT -> subject.equals(expected);
            case NAME -> cn.equals(expected);
            case NAME_PREFIX -> cn.startsWith(expected);
        };
        if (ok) {
            return null;
        }
        String seen = form == Form.SUBJECT ? "its subject is '" + subject + "'" : "its common name is '" + cn + "'";
        return new PeerRefusal(CertificateDrops.X509_NAME, directive() + ": peer certificate " + PeerRefusal.certificate(leaf)
                + " does not match: " + seen);
    }

    private String directive() {
        return "verify-x509-name '" + expected + "' " + form.word;
    }
}
