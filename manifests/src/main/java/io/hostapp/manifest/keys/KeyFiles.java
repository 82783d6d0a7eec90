package io.hostapp.manifest.keys;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.HexFormat;
import java.util.Set;

/**
 * Repository keys as files: the private key is an unencrypted PKCS#8 PEM file
 * ({@code -----BEGIN PRIVATE KEY-----}, as {@code openssl genpkey} writes), created with mode 0600.
 * The public half is derived from it on load, so one file is the whole key; {@link #writePublic}
 * exports the public key as a SubjectPublicKeyInfo PEM ({@code -----BEGIN PUBLIC KEY-----}) for
 * whoever only verifies.
 *
 * <p>Deriving the public key of an Ed25519 or EC PKCS#8 key (which need not contain it) is the one
 * thing the JDK cannot do; BouncyCastle's lightweight API does it here. Signing itself uses the JDK.
 */
public final class KeyFiles {

    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private KeyFiles() {
    }

    /** Generates a new key: {@link SignatureScheme#ED25519}, {@link SignatureScheme#ECDSA_P256} or {@link SignatureScheme#RSA_PSS_SHA256} (3072 bits). */
    public static SigningKey generate(SignatureScheme scheme) {
        try {
            KeyPairGenerator g;
            switch (scheme) {
                case ED25519 -> g = KeyPairGenerator.getInstance("Ed25519");
                case ECDSA_P256 -> {
                    g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec("secp256r1"));
                }
                case RSA_PSS_SHA256 -> {
                    g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4));
                }
                default -> throw new IllegalArgumentException("cannot generate keys for scheme " + scheme.scheme());
            }
            KeyPair kp = g.generateKeyPair();
            return fromPkcs8(kp.getPrivate().getEncoded());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("key generation failed: " + e.getMessage(), e);
        }
    }

    /** Writes the private key as PKCS#8 PEM, readable by the owner only. Refuses to overwrite. */
    public static void writePrivate(SigningKey key, Path file) throws IOException {
        String pem = Pem.encode(key.privateKey().getEncoded(), "PRIVATE KEY");
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
    }

    /** Writes the public key as SubjectPublicKeyInfo PEM. */
    public static void writePublic(SigningKey key, Path file) throws IOException {
        Files.writeString(file, publicPem(key), StandardCharsets.US_ASCII);
    }

    /** Reads a PKCS#8 PEM private key file (Ed25519, EC P-256 or RSA). */
    public static SigningKey readPrivate(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        try {
            return fromPkcs8(Pem.decode(pem, "PRIVATE KEY"));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IOException(file + ": not a PKCS#8 PEM private key: " + e.getMessage(), e);
        }
    }

    static SigningKey fromPkcs8(byte[] der) throws GeneralSecurityException, IOException {
        AsymmetricKeyParameter p = PrivateKeyFactory.createKey(PrivateKeyInfo.getInstance(der));
        if (p instanceof Ed25519PrivateKeyParameters ed) {
            PrivateKey priv = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
            String pub = HexFormat.of().formatHex(ed.generatePublicKey().getEncoded());
            return new SigningKey(priv, VerificationKey.of("ed25519", "ed25519", pub), SignatureScheme.ED25519);
        }
        if (p instanceof ECPrivateKeyParameters ec) {
            ECDomainParameters dom = ec.getParameters();
            if (dom.getN().bitLength() != 256) {
                throw new GeneralSecurityException("only P-256 EC keys are supported");
            }
            var q = new FixedPointCombMultiplier().multiply(dom.getG(), ec.getD()).normalize();
            byte[] spki = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(new ECPublicKeyParameters(q, dom)).getEncoded();
            PrivateKey priv = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
            String pub = Pem.encode(spki, "PUBLIC KEY");
            return new SigningKey(priv, VerificationKey.of("ecdsa", "ecdsa-sha2-nistp256", pub), SignatureScheme.ECDSA_P256);
        }
        if (p instanceof RSAPrivateCrtKeyParameters rsa) {
            PrivateKey priv = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            byte[] spki = KeyFactory.getInstance("RSA").generatePublic(
                    new java.security.spec.RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent())).getEncoded();
            String pub = Pem.encode(spki, "PUBLIC KEY");
            return new SigningKey(priv, VerificationKey.of("rsa", "rsassa-pss-sha256", pub), SignatureScheme.RSA_PSS_SHA256);
        }
        throw new GeneralSecurityException("unsupported private key type " + p.getClass().getSimpleName());
    }

    /** The SubjectPublicKeyInfo PEM of {@code key}'s public half. */
    public static String publicPem(SigningKey key) {
        VerificationKey v = key.publicKey();
        if (key.scheme() == SignatureScheme.ED25519) {
            byte[] raw = HexFormat.of().parseHex(v.publicValue());
            byte[] spki = new byte[ED25519_SPKI_PREFIX.length + raw.length];
            System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
            System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
            return Pem.encode(spki, "PUBLIC KEY");
        }
        return v.publicValue();
    }

    /**
     * Reads a public key PEM (SubjectPublicKeyInfo) as a metadata key entry: Ed25519 keys become
     * {@code ed25519} with the raw key in hex, P-256 keys {@code ecdsa-sha2-nistp256} and RSA keys
     * {@code rsassa-pss-sha256}, both with the PEM as public value.
     */
    public static VerificationKey readPublic(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        try {
            byte[] der = Pem.decode(pem, "PUBLIC KEY");
            String canonicalPem = Pem.encode(der, "PUBLIC KEY");
            for (String alg : new String[] {"Ed25519", "EC", "RSA"}) {
                java.security.PublicKey k;
                try {
                    k = KeyFactory.getInstance(alg).generatePublic(new java.security.spec.X509EncodedKeySpec(der));
                } catch (GeneralSecurityException e) {
                    continue;
                }
                switch (alg) {
                    case "Ed25519" -> {
                        byte[] raw = java.util.Arrays.copyOfRange(der, der.length - 32, der.length);
                        return VerificationKey.of("ed25519", "ed25519", HexFormat.of().formatHex(raw));
                    }
                    case "EC" -> {
                        if (((java.security.interfaces.ECPublicKey) k).getParams().getOrder().bitLength() != 256) {
                            throw new IOException(file + ": only P-256 EC keys are supported");
                        }
                        return VerificationKey.of("ecdsa", "ecdsa-sha2-nistp256", canonicalPem);
                    }
                    default -> {
                        return VerificationKey.of("rsa", "rsassa-pss-sha256", canonicalPem);
                    }
                }
            }
            throw new IOException(file + ": not an Ed25519, EC or RSA public key");
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": not a PEM public key: " + e.getMessage(), e);
        }
    }

    /** Schemes {@link #generate} supports, by their metadata names. */
    public static Set<String> generatableSchemes() {
        return Set.of("ed25519", "ecdsa-sha2-nistp256", "rsassa-pss-sha256");
    }

}
