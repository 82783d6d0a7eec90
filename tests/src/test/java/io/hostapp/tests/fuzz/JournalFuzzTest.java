package io.hostapp.tests.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hostapp.updater.journal.Journal;
import io.hostapp.updater.journal.JournalCodec;

import java.io.IOException;

/**
 * The state journal file (updater/JOURNAL.md) as hostile bytes: {@link JournalCodec#decode}.
 *
 * <p>Only {@link IOException} may escape decode. Checked: what decodes can be written and read again, and
 * after that one normalisation (e.g. an unknown {@code fetched} of -5 becomes -1) encode/decode is stable.
 */
class JournalFuzzTest extends FuzzTarget {

    @DictionaryEntries({"\"schema\"", "\"saveCounter\"", "\"state\"", "\"update\"", "\"slots\"", "\"lastOutcome\"",
            "\"version\"", "\"fromSlot\"", "\"toSlot\"", "\"sha256\"", "\"length\"", "\"source\"", "\"startedAt\"",
            "\"saves\"", "\"reason\"", "\"fetched\"", "\"result\"", "\"at\"", "\"Idle\"", "\"Download\"",
            "\"ArtifactInstall\"", "\"ArtifactReboot\"", "\"ArtifactVerifyReboot\"", "\"ArtifactCommit\"",
            "\"ArtifactRollback\"", "\"a\"", "\"b\""})
    @DictionaryFile(resourcePath = "json.dict")
    @FuzzTest(maxDuration = "20s")
    void journal(byte[] bytes) {
        execution();
        Journal j;
        try {
            j = JournalCodec.decode(bytes);
        } catch (IOException e) {
            return;
        }
        try {
            Journal once = JournalCodec.decode(JournalCodec.encode(j));
            Check.that(JournalCodec.decode(JournalCodec.encode(once)).equals(once), "journal does not round trip: " + once);
        } catch (IOException e) {
            throw new AssertionError("an encoded journal does not decode: " + e.getMessage(), e);
        }
    }
}
