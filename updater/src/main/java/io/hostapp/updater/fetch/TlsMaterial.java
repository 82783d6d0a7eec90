package io.hostapp.updater.fetch;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TLS trust and identity from PEM files, with the JDK alone: a pinned CA bundle replaces the system CAs, and a
 * client certificate + PKCS#8 key enable mutual TLS. Returns empty when neither is configured (system defaults).
 */
final class TlsMaterial {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    record Context(SSLContext ssl, X509TrustManager trust) {
    }

    private TlsMaterial() {
    }

    static Optional<Context> load(FetchConfig cfg) throws FetchException {
        if (cfg.caBundle().isEmpty() && cfg.clientCert().isEmpty()) {
            return Optional.empty();
        }
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (cfg.caBundle().isPresent()) {
                KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                List<Certificate> cas = certificates(cfg.caBundle().get());
                for (int i = 0; i < cas.size(); i++) {
                    ks.setCertificateEntry("ca" + i, cas.get(i));
                }
                tmf.init(ks);
            } else {
                tmf.init((KeyStore) null);
            }
            X509TrustManager trust = null;
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    trust = x;
                }
            }
            KeyManager[] keys = null;
            if (cfg.clientCert().isPresent()) {
                Path keyFile = cfg.clientKey().orElseThrow(() -> new FetchException(FetchException.Kind.CONFIG,
                        "client certificate " + cfg.clientCert().get() + " given without its key"));
                KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                List<Certificate> chain = certificates(cfg.clientCert().get());
                ks.setKeyEntry("client", privateKey(keyFile, chain.get(0).getPublicKey().getAlgorithm()), new char[0],
                        chain.toArray(new Certificate[0]));
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, new char[0]);
                keys = kmf.getKeyManagers();
            }
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(keys, new TrustManager[] {trust}, null);
            return Optional.of(new Context(ssl, trust));
        } catch (GeneralSecurityException | IOException e) {
            throw new FetchException(FetchException.Kind.CONFIG, "TLS material: " + e.getMessage(), e);
        }
    }

    private static List<Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<Certificate> out = new ArrayList<>();
        for (byte[] der : blocks(pem, "CERTIFICATE")) {
            out.add(cf.generateCertificate(new ByteArrayInputStream(der)));
        }
        if (out.isEmpty()) {
            throw new IOException(pem + ": no PEM certificate");
        }
        return out;
    }

    private static PrivateKey privateKey(Path pem, String algorithm) throws IOException, GeneralSecurityException {
        List<byte[]> keys = blocks(pem, "PRIVATE KEY");
        if (keys.isEmpty()) {
            throw new IOException(pem + ": no PEM 'PRIVATE KEY' (PKCS#8) block");
        }
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(keys.get(0)));
    }

    private static List<byte[]> blocks(Path pem, String type) throws IOException {
        Matcher m = PEM.matcher(Files.readString(pem, StandardCharsets.US_ASCII));
        List<byte[]> out = new ArrayList<>();
        while (m.find()) {
            if (m.group(1).equals(type)) {
                out.add(Base64.getMimeDecoder().decode(m.group(2)));
            }
        }
        return out;
    }
}
