package io.hostapp.updater.device;

import io.hostapp.boot.BootBackend;
import io.hostapp.boot.BootFiles;
import io.hostapp.boot.BootVariables;
import io.hostapp.boot.CustomBackend;
import io.hostapp.boot.DurableFiles;
import io.hostapp.boot.EfiBackend;
import io.hostapp.boot.GrubBackend;
import io.hostapp.boot.KernelCmdline;
import io.hostapp.boot.NoopBackend;
import io.hostapp.boot.Slot;
import io.hostapp.boot.TrybootBackend;
import io.hostapp.boot.UbootBackend;
import io.hostapp.boot.efi.EfiVarFs;
import io.hostapp.boot.grub.GrubEnvFile;
import io.hostapp.boot.tryboot.BootloaderProperties;
import io.hostapp.boot.uboot.FwEnvConfig;
import io.hostapp.boot.uboot.UbootEnvStore;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.board.Board;
import io.hostapp.updater.board.BoardFileException;
import io.hostapp.updater.storage.Storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The single dispatch point from a board file's {@code bootloader.type} to a {@link BootBackend}. Every
 * backend's writes go through the device's storage facade: U-Boot env copies as positional device writes,
 * grubenv / autoboot.txt / a simulated firmware's efivars as atomic file replaces.
 */
public final class BootBackends {
    private BootBackends() {
    }

    static BootBackend create(Device d) throws UpdateException {
        Board.BootloaderSpec spec = d.board().bootloader();
        Board.BootloaderParams p = spec.params();
        if (p instanceof Board.UbootParams) {
            return new UbootBackend(ubootStore(d), ubootVariables(d.board()), cmdline(d));
        } else if (p instanceof Board.GrubParams g) {
            return new GrubBackend(grubEnv(d), ubootVariables(d.board()), cmdline(d));
        } else if (p instanceof Board.TrybootParams t) {
            return new TrybootBackend(d.resolve(t.autoboot()), files(d),
                    new BootloaderProperties(d.resolve(t.deviceTree())), t.partitions());
        } else if (p instanceof Board.EfiParams e) {
            return new EfiBackend(efiVars(d), e.bootEntries());
        } else if (p instanceof Board.CustomParams c) {
            return new CustomBackend(c.program(), Duration.ofSeconds(c.timeoutSeconds()), d.simulated() ? d.base() : null);
        } else if (p instanceof Board.NoopParams) {
            return new NoopBackend(cmdline(d), d.listener()::info);
        }
        throw new BoardFileException("board " + d.board().name() + ": field 'bootloader.type': unknown '"
                + spec.type() + "'");
    }

    /** The U-Boot env of {@code d}, every read and write going through the device's storage facade. */
    public static UbootEnvStore ubootStore(Device d) {
        List<FwEnvConfig.Copy> copies = new ArrayList<>();
        for (Board.EnvCopySpec c : d.board().bootloader().env()) {
            copies.add(new FwEnvConfig.Copy(d.resolve(c.device()).toString(), c.offset(), (int) c.size()));
        }
        return new UbootEnvStore(FwEnvConfig.of(copies), dev -> new StorageEnvDevice(d.storage(), Path.of(dev)));
    }

    /** The grubenv file of a {@code grub} board. */
    public static GrubEnvFile grubEnv(Device d) {
        Board.GrubParams g = (Board.GrubParams) d.board().bootloader().params();
        return new GrubEnvFile(d.resolve(g.envFile()), files(d));
    }

    /** The efivarfs directory of an {@code efi} board (a plain directory on a simulated one). */
    public static EfiVarFs efiVars(Device d) {
        Board.EfiParams e = (Board.EfiParams) d.board().bootloader().params();
        return EfiVarFs.open(d.resolve(e.efivars()), files(d));
    }

    /**
     * The board's variable names and slot values for the env-based backends (U-Boot, GRUB); defaults:
     * DESIGN.md's scheme, {@code a}/{@code b}.
     */
    public static BootVariables ubootVariables(Board b) throws BoardFileException {
        Map<String, String> vars = Map.of();
        Map<Slot, String> values = Map.of();
        if (b.bootloader().params() instanceof Board.UbootParams u) {
            vars = u.variables();
            values = u.slotValues();
        } else if (b.bootloader().params() instanceof Board.GrubParams g) {
            vars = g.variables();
            values = g.slotValues();
        }
        Map<String, String> m = new LinkedHashMap<>(vars);
        if (!values.isEmpty()) {
            m.put(BootVariables.KEY_SLOT_A, values.get(Slot.A));
            m.put(BootVariables.KEY_SLOT_B, values.get(Slot.B));
        }
        try {
            return BootVariables.fromMap(m);
        } catch (IllegalArgumentException e) {
            throw new BoardFileException("board " + b.name() + ": field 'bootloader.variables': " + e.getMessage());
        }
    }

    /** Whole-file reads and atomic replaces through the device's storage facade. */
    public static BootFiles files(Device d) {
        Storage storage = d.storage();
        return new BootFiles() {
            @Override
            public byte[] read(Path file) throws IOException {
                return storage.readFile(file);
            }

            @Override
            public void replace(Path file, byte[] content) throws IOException {
                storage.writeFileAtomically(file, content);
            }

            @Override
            public void delete(Path file) throws IOException {
                // A deleted BootNext coming back would re-arm a trial, so the unlink is made durable here.
                if (Files.exists(file)) {
                    storage.delete(file);
                    DurableFiles.fsyncDirectory(file.toAbsolutePath().getParent());
                }
            }
        };
    }

    private static KernelCmdline cmdline(Device d) {
        Map<Slot, List<String>> roots = new EnumMap<>(Slot.class);
        for (Slot s : Slot.values()) {
            Board.SlotSpec spec = d.board().slots().get(s);
            List<String> ids = new ArrayList<>();
            ids.add(spec.device());
            if (spec.root() != null) {
                ids.add(spec.root());
            }
            roots.put(s, ids);
        }
        return new KernelCmdline(d.resolve(d.board().cmdline()), roots);
    }
}
