package io.hostapp.manifest.keys;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A private key of the repository and the metadata entry of its public half. Signs with the JDK:
 * Ed25519 (default), ECDSA P-256 with SHA-256 (DER signature), RSASSA-PSS with SHA-256, MGF1-SHA-256
 * and a 32-byte salt (what securesystemslib and go-tuf produce). Signatures are lowercase hex, as
 * metadata stores them. Load and save with {@link KeyFiles}.
 */
public final class SigningKey {

    private final PrivateKey privateKey;
    private final VerificationKey publicKey;
    private final SignatureScheme scheme;

    SigningKey(PrivateKey privateKey, VerificationKey publicKey, SignatureScheme scheme) {
        this.privateKey = Objects.requireNonNull(privateKey);
        this.publicKey = Objects.requireNonNull(publicKey);
        this.scheme = Objects.requireNonNull(scheme);
    }

    /** The public key entry to list in metadata. */
    public VerificationKey publicKey() {
        return publicKey;
    }

    public String keyId() {
        return publicKey.keyId();
    }

    public SignatureScheme scheme() {
        return scheme;
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    /** Signs {@code payload} (canonical JSON of a {@code signed} object) and returns the hex signature. */
    public String sign(byte[] payload) {
        try {
            Signature s = Signature.getInstance(scheme.jcaAlgorithm());
            if (scheme == SignatureScheme.RSA_PSS_SHA256) {
                s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            }
            s.initSign(privateKey);
            s.update(payload);
            return HexFormat.of().formatHex(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with " + publicKey + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "SigningKey[" + publicKey + "]";
    }
}
