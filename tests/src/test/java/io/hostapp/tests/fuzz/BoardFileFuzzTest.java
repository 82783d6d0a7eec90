package io.hostapp.tests.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hostapp.boot.uboot.FwEnvConfig;
import io.hostapp.updater.board.Board;
import io.hostapp.updater.board.BoardFileException;
import io.hostapp.updater.board.BoardLoader;
import io.hostapp.updater.device.BootBackends;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Board files as hostile bytes: {@link BoardLoader#parse(byte[], String)} (seeds: every shipped board).
 *
 * <p>Only {@link BoardFileException} may escape. Checked, since the loader promises that the dispatch point
 * ({@code BootBackends}) only maps valid values onto constructors: every path of an accepted board is a
 * valid path, a U-Boot board's env copies make a valid {@link FwEnvConfig}, and its variable names a valid
 * scheme.
 */
class BoardFileFuzzTest extends FuzzTarget {

    @DictionaryEntries({"\"schema\"", "\"name\"", "\"description\"", "\"simulated\"", "\"slots\"", "\"bootloader\"",
            "\"cmdline\"", "\"dataDir\"", "\"reboot\"", "\"hooksDir\"", "\"health\"", "\"device\"", "\"size\"",
            "\"root\"", "\"type\"", "\"bootLimit\"", "\"env\"", "\"variables\"", "\"slotValues\"", "\"offset\"",
            "\"envFile\"", "\"autoboot\"", "\"partitions\"", "\"deviceTree\"", "\"efivars\"", "\"bootEntries\"",
            "\"program\"", "\"timeoutSeconds\"", "\"attempts\"", "\"intervalSeconds\"", "\"checks\"", "\"command\"",
            "\"path\"", "\"unit\"", "\"uboot\"", "\"grub\"", "\"tryboot\"", "\"efi\"", "\"custom\"", "\"noop\"",
            "\"file\"", "\"systemd-unit\"", "\"a\"", "\"b\"", "\"slot\"", "\"fallback_slot\"", "\"bootcount\"",
            "\"bootlimit\"", "\"rollback\"", "\"upgrade_available\"", "\"0004\"", "/dev/", " "})
    @DictionaryFile(resourcePath = "json.dict")
    @FuzzTest(maxDuration = "20s")
    void boardFile(byte[] bytes) {
        execution();
        Board b;
        try {
            b = BoardLoader.parse(bytes, "fuzz.json");
        } catch (BoardFileException e) {
            return;
        }
        List<String> paths = new ArrayList<>(List.of(b.cmdline(), b.dataDir()));
        b.slots().values().forEach(s -> paths.add(s.device()));
        if (b.hooksDir() != null) {
            paths.add(b.hooksDir());
        }
        Board.BootloaderParams p = b.bootloader().params();
        List<FwEnvConfig.Copy> copies = new ArrayList<>();
        if (p instanceof Board.UbootParams u) {
            for (Board.EnvCopySpec c : u.env()) {
                paths.add(c.device());
                copies.add(new FwEnvConfig.Copy(Path.of("/sim").resolve(c.device()).toString(), c.offset(),
                        Math.toIntExact(c.size())));
            }
            FwEnvConfig.of(copies);
        } else if (p instanceof Board.GrubParams g) {
            paths.add(g.envFile());
        } else if (p instanceof Board.TrybootParams t) {
            paths.add(t.autoboot());
            paths.add(t.deviceTree());
        } else if (p instanceof Board.EfiParams e) {
            paths.add(e.efivars());
        }
        for (String s : paths) {
            Path.of("/sim").resolve(s);
        }
        try {
            BootBackends.ubootVariables(b);
        } catch (BoardFileException e) {
            // typed
        }
    }
}
