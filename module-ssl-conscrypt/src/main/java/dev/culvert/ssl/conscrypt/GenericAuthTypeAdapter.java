package dev.culvert.ssl.conscrypt;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Lets the JDK's PKIX trust manager judge certificates for Conscrypt. In TLS 1.3, where the key
 * exchange no longer depends on the certificate, Conscrypt passes the authentication type
 * {@code GENERIC}; the JDK's trust manager knows that case as {@code UNKNOWN} and refuses any other
 * name it does not know ("Unknown authType: GENERIC"). This translates the one name and passes
 * everything else through.
 */
final class GenericAuthTypeAdapter extends X509ExtendedTrustManager {
    private static final String CONSCRYPT_TLS13 = "GENERIC";
    private static final String JDK_TLS13 = "UNKNOWN";

    private final X509ExtendedTrustManager jdk;

    GenericAuthTypeAdapter(X509ExtendedTrustManager jdk) {
        this.jdk = jdk;
    }

    private static String jdkName(String authType) {
        return CONSCRYPT_TLS13.equals(authType) ? JDK_TLS13 : authType;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        jdk.checkClientTrusted(chain, jdkName(authType), socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        jdk.checkServerTrusted(chain, jdkName(authType), socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        jdk.checkClientTrusted(chain, jdkName(authType), engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        jdk.checkServerTrusted(chain, jdkName(authType), engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        jdk.checkClientTrusted(chain, jdkName(authType));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        jdk.checkServerTrusted(chain, jdkName(authType));
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return jdk.getAcceptedIssuers();
    }
}
