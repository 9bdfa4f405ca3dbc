package io.tfhyperstack.e2e.support;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.net.URL;
import java.security.KeyStore;

/**
 * Run by another JVM (the release's bundled runtime) to show that its TLS works. {@code TlsProbe URL}
 * fetches an HTTPS URL and prints the status and the cipher suite (the trust store and the protocol
 * version come from the usual system properties); {@code TlsProbe cacerts} prints how many
 * certificates the runtime's own trust store holds, which is what connections to the real API trust.
 */
public final class TlsProbe {
    private TlsProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("cacerts")) {
            TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            defaults.init((KeyStore) null);
            System.out.println("trusted " + ((X509TrustManager) defaults.getTrustManagers()[0]).getAcceptedIssuers().length);
            return;
        }
        HttpsURLConnection connection = (HttpsURLConnection) new URL(args[0]).openConnection();
        connection.connect();
        String cipher = connection.getCipherSuite();
        System.out.println("status " + connection.getResponseCode() + " cipher " + cipher);
    }
}
