package io.hostapp.manifest.metadata;

import io.hostapp.manifest.MalformedMetadataException;
import io.hostapp.manifest.json.JsonFields;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One entry of {@code delegations.roles}:
 * {@code {"name", "keyids", "threshold", "terminating", "paths": [glob...] | "path_hash_prefixes": [hex...]}}
 * (exactly one of {@code paths} and {@code path_hash_prefixes}).
 */
public record DelegatedRole(String name, Role role, boolean terminating, List<String> paths,
                            List<String> pathHashPrefixes) {

    public DelegatedRole {
        paths = paths == null ? null : List.copyOf(paths);
        pathHashPrefixes = pathHashPrefixes == null ? null : List.copyOf(pathHashPrefixes);
    }

    static DelegatedRole parse(JsonFields f) throws MalformedMetadataException {
        String name = f.text("name");
        Role role = Role.parse(f);
        boolean terminating = f.bool("terminating");
        boolean hasPaths = f.has("paths");
        if (hasPaths == f.has("path_hash_prefixes")) {
            throw f.fail("paths", "exactly one of paths and path_hash_prefixes must be set");
        }
        List<String> paths = hasPaths ? f.textList("paths", false) : null;
        List<String> prefixes = hasPaths ? null : f.textList("path_hash_prefixes", false);
        return new DelegatedRole(name, role, terminating, paths, prefixes);
    }

    /** True when this role is trusted for {@code targetPath}. */
    public boolean isDelegatedPath(String targetPath) {
        if (pathHashPrefixes != null) {
            String hash = sha256Hex(targetPath);
            return pathHashPrefixes.stream().anyMatch(hash::startsWith);
        }
        return paths.stream().anyMatch(p -> PathPattern.matches(p, targetPath));
    }

    static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
