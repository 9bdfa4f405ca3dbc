package io.tfhyperstack.plugin;

import java.util.Base64;

/**
 * The one line go-plugin clients wait for on stdout: {@code CORE|APP|NETWORK|ADDR|grpc|CERT}.
 *
 * @param appProtocol the negotiated tfplugin major version
 * @param address where the server listens
 * @param serverCertificateDer the server's certificate, or null when serving plaintext
 */
@SuppressWarnings("ArrayRecordComponent") // formatted once into the line; never compared or hashed
record HandshakeLine(int appProtocol, ListenAddress address, byte[] serverCertificateDer) {
    /** go-plugin's own protocol version; bumped only if the handshake itself ever changes. */
    static final int CORE_PROTOCOL = 1;

    String format() {
        // Go decodes the certificate with RawStdEncoding, which rejects '=' padding.
        String certificate = serverCertificateDer == null
                ? ""
                : Base64.getEncoder().withoutPadding().encodeToString(serverCertificateDer);
        // Built by hand: the first string concatenation of a new shape costs a method-handle bootstrap,
        // and this line is the last step before Terraform may connect.
        @SuppressWarnings("UnnecessaryStringBuilder") // on purpose, as said above
        String line = new StringBuilder(certificate.length() + 128)
                .append(CORE_PROTOCOL).append('|').append(appProtocol).append('|')
                .append(address.network()).append('|').append(address.address())
                .append("|grpc|").append(certificate)
                .toString();
        return line;
    }
}
