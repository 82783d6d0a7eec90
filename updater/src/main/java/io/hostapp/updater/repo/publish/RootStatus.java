package io.hostapp.updater.repo.publish;

import io.hostapp.manifest.ManifestException;
import io.hostapp.manifest.metadata.Role;
import io.hostapp.manifest.metadata.Root;
import io.hostapp.manifest.metadata.UnverifiedMetadata;
import io.hostapp.manifest.publish.RepositoryLayout;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;

/**
 * How far a staged root version is from publishable: root N+1 needs a threshold of signatures by root N's
 * root keys AND by its own (version 1: its own only). Signatures in {@code staging/root.json} were checked
 * when they were added, so counting their key ids is enough here; {@code publish} checks them again.
 *
 * @param staged    the staged root
 * @param published the newest published root, if any
 * @param signatures key id to signature, as collected so far
 */
public record RootStatus(Root staged, Optional<Root> published, Map<String, String> signatures) {

    /** The staged root's status, or empty when no root version is staged. */
    public static Optional<RootStatus> read(RepositoryLayout layout, Optional<Root> published) throws UpdateException {
        if (!Files.exists(layout.stagedRoot())) {
            return Optional.empty();
        }
        try {
            UnverifiedMetadata<Root> u = UnverifiedMetadata.parse("root", Files.readAllBytes(layout.stagedRoot()), Root::parse);
            return Optional.of(new RootStatus(u.untrustedSigned(), published, u.signatures()));
        } catch (IOException | ManifestException e) {
            throw new UpdateException(ExitCode.REPOSITORY, layout.stagedRoot() + ": cannot read the staged root: "
                    + e.getMessage(), e);
        }
    }

    /** Signatures by keys of {@code r}'s root role. */
    public int signedBy(Root r) {
        Role role = r.roles().get("root");
        return (int) signatures.keySet().stream().filter(role.keyIds()::contains).count();
    }

    /** True when both thresholds are met (publish will take the staged root). */
    public boolean complete() {
        return signedBy(staged) >= staged.roles().get("root").threshold()
                && published.map(p -> signedBy(p) >= p.roles().get("root").threshold()).orElse(true);
    }

    /** One line: "root v3 staged: 1 of 2 signatures of root v2's keys, 2 of 2 of its own". */
    public String describe() {
        StringBuilder b = new StringBuilder("root v" + staged.version() + " staged: ");
        published.ifPresent(p -> b.append(signedBy(p)).append(" of ").append(p.roles().get("root").threshold())
                .append(" signatures by root v").append(p.version()).append("'s keys, "));
        b.append(signedBy(staged)).append(" of ").append(staged.roles().get("root").threshold())
                .append(" by its own keys");
        b.append(complete() ? " (complete: publish will take it)" : " (incomplete)");
        return b.toString();
    }
}
