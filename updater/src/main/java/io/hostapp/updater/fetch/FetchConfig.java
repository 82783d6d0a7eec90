package io.hostapp.updater.fetch;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Transport settings of a device (from its configuration file).
 *
 * @param caBundle   PEM file of the CA certificates to trust instead of the system's (pinning); empty: system CAs
 * @param clientCert PEM certificate chain for mutual TLS; needs {@code clientKey}
 * @param clientKey  PEM PKCS#8 private key of the client certificate
 * @param proxy      proxy URL ({@code http://[user:pass@]host:port}); empty: from HTTPS_PROXY/HTTP_PROXY/NO_PROXY
 */
public record FetchConfig(Optional<Path> caBundle, Optional<Path> clientCert, Optional<Path> clientKey,
                          Optional<String> proxy) {
    public static final FetchConfig DEFAULT = new FetchConfig(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());
}
