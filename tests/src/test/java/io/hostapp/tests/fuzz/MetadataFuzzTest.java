package io.hostapp.tests.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.hostapp.manifest.MetadataException;
import io.hostapp.manifest.json.CanonicalJson;
import io.hostapp.manifest.keys.UnsupportedSchemeException;
import io.hostapp.manifest.keys.VerificationKey;
import io.hostapp.manifest.metadata.Delegations;
import io.hostapp.manifest.metadata.Root;
import io.hostapp.manifest.metadata.Snapshot;
import io.hostapp.manifest.metadata.SignatureThreshold;
import io.hostapp.manifest.metadata.TargetFile;
import io.hostapp.manifest.metadata.Targets;
import io.hostapp.manifest.metadata.Timestamp;
import io.hostapp.manifest.metadata.UnverifiedMetadata;
import io.hostapp.manifest.rollout.DeviceIdentity;
import io.hostapp.manifest.rollout.PayloadInfo;
import io.hostapp.manifest.rollout.ReleaseDecision;
import io.hostapp.manifest.rollout.ReleasePicker;
import io.hostapp.manifest.rollout.ReleaseVersion;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Signed repository metadata as hostile bytes, everything a device reads before a signature made it
 * trustworthy: canonical JSON ({@link CanonicalJson#parse}/{@link CanonicalJson#encode}),
 * {@link UnverifiedMetadata#parse} for each role, the signature check itself over the document's own keys
 * ({@link SignatureThreshold#verify}, as for a new root), and for targets the payload fields
 * ({@link PayloadInfo#fromTarget}, the version order, {@link ReleasePicker} as {@code hostapp-update check} uses
 * it) and the delegation search.
 *
 * <p>Input: one byte choosing the role (0 root, 1 timestamp, 2 snapshot, 3 targets, 4 a delegated targets
 * role, 5 bare canonical JSON), then the document.
 *
 * <p>Only {@link MetadataException}s (and {@link UnsupportedSchemeException} from a key) may escape.
 * Checked: the canonical bytes depend only on the JSON value (see {@link #canonical}).
 */
class MetadataFuzzTest extends FuzzTarget {

    @DictionaryEntries({"\"signatures\"", "\"signed\"", "\"keyid\"", "\"sig\"", "\"_type\"", "\"spec_version\"",
            "\"version\"", "\"expires\"", "\"consistent_snapshot\"", "\"keys\"", "\"roles\"", "\"keytype\"",
            "\"scheme\"", "\"keyval\"", "\"public\"", "\"keyids\"", "\"threshold\"", "\"meta\"", "\"length\"",
            "\"hashes\"", "\"targets\"", "\"custom\"", "\"delegations\"", "\"name\"", "\"terminating\"", "\"paths\"",
            "\"path_hash_prefixes\"", "\"succinct_roles\"", "\"bit_length\"", "\"name_prefix\"", "\"hostapp\"",
            "\"board\"", "\"kind\"", "\"from\"", "\"image\"", "\"channels\"", "\"allow_downgrade\"", "\"full\"",
            "\"delta\"", "\"ed25519\"", "\"ecdsa\"", "\"rsa\"", "\"ecdsa-sha2-nistp256\"", "\"rsassa-pss-sha256\"",
            "-----BEGIN PUBLIC KEY-----", "-----END PUBLIC KEY-----", "2030-01-01T00:00:00Z", "1.0.31", "*", "?",
            "[!", "[a-z]", "]", "/", ".", "-rc", "v"})
    @DictionaryFile(resourcePath = "json.dict")
    @FuzzTest(maxDuration = "20s")
    void metadata(byte[] bytes) {
        execution();
        FuzzInput in = new FuzzInput(bytes);
        int role = in.choose(6);
        byte[] doc = in.rest();
        try {
            switch (role) {
                case 0 -> root(UnverifiedMetadata.parse("root", doc, Root::parse));
                case 1 -> signed(UnverifiedMetadata.parse("timestamp", doc, Timestamp::parse));
                case 2 -> signed(UnverifiedMetadata.parse("snapshot", doc, Snapshot::parse));
                case 3 -> targets(UnverifiedMetadata.parse("targets", doc, Targets::parse));
                case 4 -> targets(UnverifiedMetadata.parse("bins-3f", doc, Targets::parse));
                default -> bare(doc);
            }
        } catch (MetadataException e) {
            // typed
        }
    }

    private static void bare(byte[] doc) {
        JsonNode n;
        try {
            n = CanonicalJson.parse(doc);
        } catch (IOException e) {
            return;
        }
        byte[] c;
        try {
            c = CanonicalJson.encode(n);
        } catch (IllegalArgumentException e) {
            return; // documented: floats cannot be encoded (UnverifiedMetadata turns this into MALFORMED)
        }
        canonical(n, c);
    }

    /**
     * The canonical bytes depend on the JSON value only, not on how the document spelled it: the same tree,
     * written out by Jackson (other whitespace and escapes) and read again, encodes to the same bytes.
     * (Canonical JSON itself is not always valid JSON: control characters stay raw, so it is not re-parsed.)
     */
    private static void canonical(JsonNode tree, byte[] c) {
        try {
            JsonNode again = CanonicalJson.parse(CanonicalJson.mapper().writeValueAsBytes(tree));
            Check.that(Arrays.equals(CanonicalJson.encode(again), c),
                    "canonical JSON depends on the spelling: " + new String(c, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            // a string with a lone surrogate (an unpaired escape such as \\udc3d) has no UTF-8 form: Jackson
            // writes what it cannot read back, and canonical JSON is not defined for it (securesystemslib
            // cannot encode it at all), so the property does not apply
        }
    }

    private static void signed(UnverifiedMetadata<?> md) {
        canonical(md.untrustedSigned().json(), md.signedBytes());
    }

    private static void root(UnverifiedMetadata<Root> md) throws MetadataException {
        signed(md);
        Root root = md.untrustedSigned();
        for (String r : Root.TOP_LEVEL_ROLES) {
            root.keysFor(r).orElseThrow();
        }
        verifyEachSignature(root.keys(), md.signatures(), md.signedBytes());
        SignatureThreshold.verify(md, root, "root");
    }

    private static void targets(UnverifiedMetadata<Targets> md) throws MetadataException {
        signed(md);
        Targets t = md.untrustedSigned();
        List<String> paths = new ArrayList<>(t.targets().keySet());
        paths.add("rpi4/2.1.0/full.img.zst");
        Set<String> boards = new TreeSet<>(Set.of("rpi4"));
        Set<String> versions = new TreeSet<>(Set.of("2.0.0"));
        for (TargetFile f : t.targets().values()) {
            f.sha256();
            Optional<PayloadInfo> info = PayloadInfo.fromTarget(f);
            if (info.isPresent()) {
                PayloadInfo p = info.get();
                paths.add(p.conventionalPath());
                boards.add(p.board());
                versions.add(p.version());
                p.from().ifPresent(versions::add);
                ReleaseVersion.compare(p.version(), p.from().orElse("v0"));
            }
        }
        // what `hostapp-update check` does with the (then verified) targets: pick a release for this
        // device, running each version the metadata mentions, and gate the chosen payload
        for (String board : boards) {
            for (String running : versions) {
                DeviceIdentity device = new DeviceIdentity(board, "stable", "device-0001");
                ReleaseDecision d = ReleasePicker.pick(t.targets().values(), device, Optional.of(running));
                if (d.payload().isPresent() && d.info().isPresent()) {
                    ReleasePicker.requireInstallable(d.payload().get(), d.info().get(), device, Optional.of(running));
                }
            }
        }
        if (t.delegations().isPresent()) {
            Delegations d = t.delegations().get();
            verifyEachSignature(d.keys(), md.signatures(), md.signedBytes());
            for (String path : paths) {
                for (Delegations.Candidate c : d.rolesFor(path)) {
                    t.keysFor(c.name());
                }
            }
            d.roles().forEach(r -> t.keysFor(r.name()));
            t.keysFor("bins-3f");
        }
    }

    /** Every signature against every key: a key from hostile metadata must never throw anything but typed. */
    private static void verifyEachSignature(Map<String, VerificationKey> keys, Map<String, String> sigs, byte[] payload) {
        for (VerificationKey k : keys.values()) {
            k.isSupported();
            for (String sig : sigs.values()) {
                try {
                    k.verify(payload, sig);
                } catch (UnsupportedSchemeException e) {
                    // typed
                }
            }
        }
    }
}
