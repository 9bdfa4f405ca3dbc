/**
 * How the API client reaches the API on a corporate network, the way a Go provider on the same machine
 * would: the proxy from {@code HTTPS_PROXY} / {@code HTTP_PROXY} / {@code NO_PROXY} (or the provider's
 * {@code proxy_url}), and TLS trust from the system's CA bundle, {@code SSL_CERT_FILE} and
 * {@code SSL_CERT_DIR} (or the provider's {@code ca_file}).
 *
 * <p>Everything here is per client and read from the walk's own environment map: the provider service
 * serves many walks from one JVM, so nothing may touch JVM-wide proxy or TLS settings.
 */
package io.tfhyperstack.hyperstack.net;
