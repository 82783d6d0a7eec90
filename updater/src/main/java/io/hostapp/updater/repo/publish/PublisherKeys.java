package io.hostapp.updater.repo.publish;

import io.hostapp.manifest.keys.KeyFiles;
import io.hostapp.manifest.keys.SignatureScheme;
import io.hostapp.manifest.keys.SigningKey;
import io.hostapp.manifest.publish.RoleSigners;
import io.hostapp.manifest.metadata.Root;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The publisher's keys directory: one unencrypted PKCS#8 PEM file per private key, named
 * {@code ROLE-KEYID8.pem} (the role it was made for and the first 8 hex digits of its key id). It must lie
 * outside the served tree (default {@code REPO/../keys}). Every {@code *.pem} directly in it is offered to
 * every role when signing; the library uses only the keys a role's delegator authorizes, so the file name
 * is for people. Take root keys offline by moving their files away; keys no root version names any more
 * are moved to {@code retired/} after a publish.
 */
public final class PublisherKeys {
    /** Sub-directory for keys no current or staged root authorizes. */
    public static final String RETIRED = "retired";

    private final Path dir;

    public PublisherKeys(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** {@code REPO/../keys}: next to the repository, never inside what a web server serves. */
    public static Path defaultDir(Path repo) {
        Path abs = repo.toAbsolutePath().normalize();
        return abs.getParent() != null ? abs.getParent().resolve("keys") : abs.resolve("keys");
    }

    public Path dir() {
        return dir;
    }

    /** Refuses a keys directory inside the repository tree (a web server would publish the private keys). */
    public void requireOutside(Path repo) throws UpdateException {
        if (dir.startsWith(repo.toAbsolutePath().normalize())) {
            throw new UpdateException(ExitCode.USAGE, dir + ": the keys directory must not be inside the repository "
                    + repo + " (a web server serving it would publish the private keys)");
        }
    }

    /** Parses a scheme name as written in metadata ({@code ed25519}, {@code ecdsa-sha2-nistp256}, {@code rsassa-pss-sha256}). */
    public static SignatureScheme scheme(String name) throws UpdateException {
        String n = name.toLowerCase(Locale.ROOT);
        for (SignatureScheme s : SignatureScheme.values()) {
            if (s.scheme().equals(n) && KeyFiles.generatableSchemes().contains(n)) {
                return s;
            }
        }
        throw new UpdateException(ExitCode.USAGE, "--scheme " + name + ": not one of "
                + String.join(", ", KeyFiles.generatableSchemes().stream().sorted().toList()));
    }

    /** Generates a key for {@code role} and writes it as {@code ROLE-KEYID8.pem} (mode 0600). */
    public SigningKey generate(String role, SignatureScheme scheme) throws UpdateException {
        SigningKey k = KeyFiles.generate(scheme);
        Path f = fileFor(role, k);
        try {
            KeyFiles.writePrivate(k, f);
        } catch (IOException e) {
            throw new UpdateException(ExitCode.KEYS, f + ": cannot write the private key: " + e.getMessage(), e);
        }
        return k;
    }

    /** Where a key made for {@code role} is kept. */
    public Path fileFor(String role, SigningKey k) {
        return dir.resolve(role + "-" + k.keyId().substring(0, 8) + ".pem");
    }

    /** A private key file and the key it holds. */
    public record KeyFile(Path file, SigningKey key) {
    }

    /** Every private key directly in the directory (none when it does not exist). */
    public List<KeyFile> load() throws UpdateException {
        List<KeyFile> keys = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return keys;
        }
        for (Path f : pemFiles()) {
            try {
                keys.add(new KeyFile(f, KeyFiles.readPrivate(f)));
            } catch (IOException e) {
                throw new UpdateException(ExitCode.KEYS, f + ": cannot read the private key: " + e.getMessage(), e);
            }
        }
        return keys;
    }

    /** All keys, offered to every role (see the class comment). */
    public RoleSigners signers() throws UpdateException {
        RoleSigners s = RoleSigners.none();
        for (KeyFile k : load()) {
            for (String role : List.of("root", "targets", "snapshot", "timestamp")) {
                s.with(role, k.key());
            }
        }
        return s;
    }

    /**
     * Moves key files that none of {@code roots} names for any role into {@code retired/}.
     *
     * @return the files moved
     */
    public List<Path> retireUnused(List<Root> roots) throws UpdateException {
        List<Path> moved = new ArrayList<>();
        Set<String> used = new java.util.HashSet<>();
        for (Root r : roots) {
            r.roles().values().forEach(role -> used.addAll(role.keyIds()));
        }
        for (KeyFile k : load()) {
            if (!used.contains(k.key().keyId())) {
                Path to = dir.resolve(RETIRED).resolve(k.file().getFileName());
                try {
                    Files.createDirectories(to.getParent());
                    Files.move(k.file(), to, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UpdateException(ExitCode.KEYS, k.file() + ": cannot move to " + to + ": " + e.getMessage(), e);
                }
                moved.add(to);
            }
        }
        return moved;
    }

    private List<Path> pemFiles() throws UpdateException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".pem") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UpdateException(ExitCode.KEYS, dir + ": cannot list the keys directory: " + e.getMessage(), e);
        }
    }
}
