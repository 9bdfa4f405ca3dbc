package io.tfhyperstack.hyperstack.net;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The {@code CERTIFICATE} blocks of a PEM file, as Go's {@code AppendCertsFromPEM} reads them: other
 * blocks (keys, OpenSSL's {@code TRUSTED CERTIFICATE}) and text between blocks are skipped, and so is a
 * block that does not parse, so one bad entry never costs the rest of a bundle.
 */
final class PemCertificates {
    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";

    private PemCertificates() {
    }

    /**
     * @param seen the DER encodings read so far, from any file; a certificate among them is not parsed
     *     again (a system's bundle and its directory hold the same few hundred, and parsing is what costs)
     */
    static List<X509Certificate> parse(byte[] file, CertificateFactory factory, Set<ByteBuffer> seen) {
        String text = new String(file, StandardCharsets.ISO_8859_1);
        List<X509Certificate> certificates = new ArrayList<>();
        int from = 0;
        while (true) {
            int begin = text.indexOf(BEGIN, from);
            if (begin < 0) {
                return certificates;
            }
            int end = text.indexOf(END, begin);
            if (end < 0) {
                return certificates;
            }
            from = end + END.length();
            try {
                byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + BEGIN.length(), end));
                if (!seen.add(ByteBuffer.wrap(der))) {
                    continue;
                }
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            } catch (IllegalArgumentException | CertificateException | ClassCastException unreadable) {
                // skipped, as Go skips it
            }
        }
    }
}
