package io.hostapp.manifest.keys;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyFilesTest {

    @TempDir
    Path dir;

    @Test
    void everyGeneratedSchemeRoundTripsThroughPemAndSigns() throws Exception {
        byte[] payload = "{\"signed\":1}".getBytes(StandardCharsets.UTF_8);
        for (SignatureScheme s : new SignatureScheme[] {SignatureScheme.ED25519, SignatureScheme.ECDSA_P256,
                SignatureScheme.RSA_PSS_SHA256}) {
            SigningKey key = KeyFiles.generate(s);
            Path file = dir.resolve(s.scheme() + ".pem");
            KeyFiles.writePrivate(key, file);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertTrue(Files.readString(file).startsWith("-----BEGIN PRIVATE KEY-----"));

            SigningKey loaded = KeyFiles.readPrivate(file);
            assertEquals(key.keyId(), loaded.keyId(), "public half derived from the private key file");
            assertEquals(s.scheme(), loaded.publicKey().scheme());
            assertTrue(key.publicKey().verify(payload, loaded.sign(payload)));

            Path pub = dir.resolve(s.scheme() + ".pub");
            KeyFiles.writePublic(key, pub);
            assertEquals(key.keyId(), KeyFiles.readPublic(pub).keyId());
        }
    }

    @Test
    void ed25519MetadataKeyIsRawHex() {
        SigningKey key = KeyFiles.generate(SignatureScheme.ED25519);
        assertEquals("ed25519", key.publicKey().keyType());
        assertTrue(key.publicKey().publicValue().matches("[0-9a-f]{64}"));
    }

    @Test
    void refusesToOverwriteAKeyFile() throws Exception {
        Path file = dir.resolve("k.pem");
        KeyFiles.writePrivate(KeyFiles.generate(SignatureScheme.ED25519), file);
        assertThrows(java.nio.file.FileAlreadyExistsException.class,
                () -> KeyFiles.writePrivate(KeyFiles.generate(SignatureScheme.ED25519), file));
    }
}
