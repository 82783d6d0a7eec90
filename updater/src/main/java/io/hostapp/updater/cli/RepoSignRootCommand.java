package io.hostapp.updater.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hostapp.manifest.ManifestException;
import io.hostapp.manifest.json.CanonicalJson;
import io.hostapp.manifest.keys.KeyFiles;
import io.hostapp.manifest.keys.SigningKey;
import io.hostapp.manifest.metadata.Root;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

/** {@code hostapp-repo sign-root}: sign a root payload with a key file (on the offline machine; no repository needed). */
@Command(name = "sign-root", description = {"Sign a root payload with a key file (on the offline machine).",
        "Writes the signature as a TUF signature object {\"keyid\": ..., \"sig\": ...} to FILE. Needs no " +
                "repository: run it where the root key is, then carry FILE back for 'import-signature'."})
final class RepoSignRootCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PAYLOAD", description = "The bytes to sign (from root-payload).")
    Path payload;

    @Option(names = "--key", required = true, paramLabel = "KEY", description = "Root private key (PKCS#8 PEM).")
    Path keyFile;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Where to write the signature.")
    Path output;

    @Override
    public Integer call() throws UpdateException {
        byte[] bytes;
        Root root;
        try {
            bytes = Files.readAllBytes(payload);
            root = Root.parse(CanonicalJson.parse(bytes), "root");
        } catch (IOException e) {
            throw new UpdateException(ExitCode.INPUT, payload + ": cannot read a root payload: " + e.getMessage(), e);
        } catch (ManifestException e) {
            throw new UpdateException(ExitCode.INPUT, payload + ": not a root payload: " + e.getMessage(), e);
        }
        if (!Arrays.equals(bytes, CanonicalJson.encode(root.json()))) {
            throw new UpdateException(ExitCode.INPUT, payload + ": not in canonical form (was it edited or re-encoded?)");
        }
        SigningKey key;
        try {
            key = KeyFiles.readPrivate(keyFile);
        } catch (IOException e) {
            throw new UpdateException(ExitCode.KEYS, keyFile + ": " + e.getMessage(), e);
        }
        ObjectNode sig = CanonicalJson.mapper().createObjectNode();
        sig.put("keyid", key.keyId());
        sig.put("sig", key.sign(bytes));
        try {
            Files.writeString(output, sig.toPrettyString() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UpdateException(ExitCode.FAILURE, output + ": cannot write: " + e.getMessage(), e);
        }
        boolean listed = root.roles().get("root").keyIds().contains(key.keyId());
        System.out.println(HostappRepo.NAME + ": signed root v" + root.version() + " (expires " + root.expires()
                + ") with key " + key.keyId().substring(0, 8) + (listed ? ", one of its root keys"
                : ", not one of its root keys (fine if it is a root key of v" + (root.version() - 1) + ")")
                + "; wrote " + output);
        return 0;
    }
}
