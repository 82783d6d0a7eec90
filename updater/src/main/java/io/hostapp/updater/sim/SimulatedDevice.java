package io.hostapp.updater.sim;

import io.hostapp.boot.Slot;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.board.Board;
import io.hostapp.updater.board.BoardFileException;
import io.hostapp.updater.board.BoardLoader;
import io.hostapp.updater.device.Device;
import io.hostapp.updater.events.UpdateListener;
import io.hostapp.updater.install.FactoryFlash;
import io.hostapp.updater.install.FilePayloadSource;
import io.hostapp.updater.install.WrittenImage;
import io.hostapp.updater.journal.Journal;
import io.hostapp.updater.storage.Storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Creates a simulated A/B device in a directory ({@code hostapp-update sim create}): the board file, two
 * sparse slot files, the board's bootloader storage committed on slot a (U-Boot env, grubenv, autoboot.txt,
 * efivars directory, or the custom example program and its state; see {@link SimBootloader}), the data
 * directory, a kernel command line saying slot a booted, and the initial image written to slot a and
 * recorded in the journal.
 */
public final class SimulatedDevice {
    private SimulatedDevice() {
    }

    public static Device create(String boardRef, Path dir, Path initialImage, Optional<String> version,
                                Storage storage, UpdateListener listener) throws UpdateException {
        byte[] boardBytes = boardBytes(boardRef);
        Board board = BoardLoader.parse(boardBytes, boardRef);
        if (!board.simulated()) {
            throw new BoardFileException("board '" + board.name() + "' is not a simulated board (field 'simulated')");
        }
        try {
            if (Files.exists(dir.resolve(Device.SIM_BOARD_FILE))) {
                throw new UpdateException(ExitCode.STATE, dir + ": already holds a simulated device");
            }
            Files.createDirectories(dir);
            Files.write(dir.resolve(Device.SIM_BOARD_FILE), boardBytes);
            for (Slot s : Slot.values()) {
                Path slot = dir.resolve(board.slots().get(s).device());
                Files.createDirectories(slot.toAbsolutePath().getParent());
                try (RandomAccessFile f = new RandomAccessFile(slot.toFile(), "rw")) {
                    f.setLength(board.slots().get(s).size());
                }
            }
        } catch (IOException e) {
            throw new UpdateException(ExitCode.FAILURE, dir + ": cannot create simulated device: " + e.getMessage(), e);
        }
        Device d = Device.openSimulated(dir, storage, listener);
        SimBootloader.create(d);
        FilePayloadSource src = new FilePayloadSource(initialImage);
        WrittenImage w = FactoryFlash.flash(src, storage, d.slotDevice(Slot.A), d.slotSize(Slot.A), d.dataDir(), listener);
        String v = version.or(() -> {
            try {
                return src.manifest().flatMap(m -> m.release());
            } catch (UpdateException e) {
                return Optional.empty();
            }
        }).orElse(src.defaultVersion());
        Journal j = Journal.empty();
        d.journal().save(j, j.withSlot(Slot.A, new Journal.Release(v, w.sha256(), w.length())));
        listener.info("created simulated " + board.name() + " device in " + dir + ": slot a holds " + v);
        return d;
    }

    private static byte[] boardBytes(String ref) throws UpdateException {
        if (ref.endsWith(".json") || ref.contains("/")) {
            try {
                return Files.readAllBytes(Path.of(ref));
            } catch (IOException e) {
                throw new BoardFileException(ref + ": cannot read board file: " + e.getMessage(), e);
            }
        }
        try (InputStream in = BoardLoader.class.getResourceAsStream("/boards/" + ref + ".json")) {
            if (in == null) {
                BoardLoader.load(ref); // throws the one-line "no such board" error
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new BoardFileException("board '" + ref + "': " + e.getMessage(), e);
        }
    }
}
