package io.hostapp.updater.repo.publish;

import io.hostapp.manifest.ManifestException;
import io.hostapp.manifest.MetadataException;
import io.hostapp.manifest.metadata.Root;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;

/**
 * Maps the manifests library's exceptions to the publisher CLI's exit codes. Signing verbs and the verifying
 * verb read the same exception differently: a missing signature threshold while signing means the keys are
 * not at hand ({@link ExitCode#KEYS}); while verifying, that the tree is bad ({@link ExitCode#METADATA}).
 */
public final class PublishErrors {
    private PublishErrors() {
    }

    /** An exception from a signing or staging step (init, add, rollout, publish, timestamp, rotate, ...). */
    public static UpdateException signing(ManifestException e) {
        if (e instanceof MetadataException m && (m.check() == MetadataException.Check.THRESHOLD
                || m.check() == MetadataException.Check.UNSUPPORTED_KEY)) {
            return new UpdateException(ExitCode.KEYS, e.getMessage(), e);
        }
        return new UpdateException(ExitCode.REPOSITORY, e.getMessage(), e);
    }

    /** An exception from checking a published tree as a device would. */
    public static UpdateException verifying(ManifestException e) {
        if (e instanceof MetadataException m) {
            boolean target = !Root.TOP_LEVEL_ROLES.contains(m.role());
            if (target && (m.check() == MetadataException.Check.LENGTH || m.check() == MetadataException.Check.HASH)) {
                return new UpdateException(ExitCode.VERIFY, e.getMessage(), e);
            }
            return new UpdateException(ExitCode.METADATA, e.getMessage(), e);
        }
        return new UpdateException(ExitCode.REPOSITORY, e.getMessage(), e);
    }
}
