package io.hostapp.updater.device;

import io.hostapp.boot.BootBackend;
import io.hostapp.boot.KernelCmdline;
import io.hostapp.boot.Slot;
import io.hostapp.boot.UbootBackend;
import io.hostapp.boot.UbootVariables;
import io.hostapp.boot.uboot.FwEnvConfig;
import io.hostapp.boot.uboot.UbootEnvStore;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.board.Board;
import io.hostapp.updater.board.BoardFileException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The single dispatch point from a board file's {@code bootloader.type} to a {@link BootBackend}. */
public final class BootBackends {
    private BootBackends() {
    }

    static BootBackend create(Device d) throws UpdateException {
        Board.BootloaderSpec spec = d.board().bootloader();
        switch (spec.type()) {
            case "uboot":
                return new UbootBackend(ubootStore(d), ubootVariables(d.board()), cmdline(d));
            default:
                throw new BoardFileException("board " + d.board().name() + ": field 'bootloader.type': unknown '"
                        + spec.type() + "'");
        }
    }

    /** The U-Boot env of {@code d}, every read and write going through the device's storage facade. */
    public static UbootEnvStore ubootStore(Device d) {
        List<FwEnvConfig.Copy> copies = new ArrayList<>();
        for (Board.EnvCopySpec c : d.board().bootloader().env()) {
            copies.add(new FwEnvConfig.Copy(d.resolve(c.device()).toString(), c.offset(), (int) c.size()));
        }
        return new UbootEnvStore(FwEnvConfig.of(copies), dev -> new StorageEnvDevice(d.storage(), Path.of(dev)));
    }

    /** The board's variable names and slot values (defaults: DESIGN.md's scheme, {@code a}/{@code b}). */
    public static UbootVariables ubootVariables(Board b) throws BoardFileException {
        Map<String, String> m = new LinkedHashMap<>(b.bootloader().variables());
        if (!b.bootloader().slotValues().isEmpty()) {
            m.put(UbootVariables.KEY_SLOT_A, b.bootloader().slotValues().get(Slot.A));
            m.put(UbootVariables.KEY_SLOT_B, b.bootloader().slotValues().get(Slot.B));
        }
        try {
            return UbootVariables.fromMap(m);
        } catch (IllegalArgumentException e) {
            throw new BoardFileException("board " + b.name() + ": field 'bootloader.variables': " + e.getMessage());
        }
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
