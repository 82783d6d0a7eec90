package io.hostapp.boot.uboot;

import io.hostapp.boot.BootException;
import io.hostapp.boot.EnvDevice;
import io.hostapp.boot.FileEnvDevice;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads and writes a U-Boot env described by a {@link FwEnvConfig}, with libubootenv's rules for
 * redundant copies (checked against fw_setenv/fw_printenv 0.3.2, see UBOOT-ENV.md):
 * <ul>
 *   <li>Active copy: the only valid one; if both are valid, the one with the larger flags, except that
 *       255 vs 0 means the 0 copy is newer; equal flags: copy 1.</li>
 *   <li>A write goes to the inactive copy with {@code flags = active.flags + 1 (mod 256)}, so a torn
 *       write leaves the active copy intact (DESIGN.md power-loss rule 5).</li>
 *   <li>No valid copy (blank flash): the write goes to copy 2 with flags 0, as fw_setenv does.</li>
 * </ul>
 * Copies are numbered 1 and 2 in messages, in config-file order. A single-copy env is rewritten in
 * place and is therefore not safe against power loss.
 *
 * <p>Methods are synchronized, which orders callers within one JVM only: across processes the updater
 * must be the only host-side writer (do not run fw_setenv concurrently).
 */
public final class UbootEnvStore {
    private final FwEnvConfig config;
    private final UbootEnv codec;
    private final List<EnvDevice> devices;

    /** A store over files or block devices ({@link FileEnvDevice}). */
    public UbootEnvStore(FwEnvConfig config) {
        this(config, device -> new FileEnvDevice(Path.of(device)));
    }

    /**
     * A store whose devices come from {@code opener} (called once per distinct device path), e.g. a
     * power-cut simulator.
     */
    public UbootEnvStore(FwEnvConfig config, Function<String, EnvDevice> opener) {
        this.config = config;
        this.codec = new UbootEnv(config.envSize(), config.redundant());
        Map<String, EnvDevice> byPath = new HashMap<>();
        List<EnvDevice> list = new ArrayList<>();
        for (FwEnvConfig.Copy c : config.copies()) {
            list.add(byPath.computeIfAbsent(c.device(), opener));
        }
        this.devices = List.copyOf(list);
    }

    public FwEnvConfig config() {
        return config;
    }

    /**
     * State of one copy as read from the device.
     *
     * @param number  1 or 2 (config order)
     * @param valid   CRC ok and data terminated
     * @param flags   flags byte (redundant env only, else 0)
     * @param problem why it is not valid, or null
     * @param vars    its variables (empty when not valid)
     */
    public record CopyStatus(int number, boolean valid, int flags, String problem, Map<String, String> vars) {
    }

    /**
     * All copies and which one is active.
     *
     * @param active the active copy's number (1 or 2), or 0 when no copy is valid
     */
    public record Snapshot(List<CopyStatus> copies, int active) {
        /** The active copy, or null. */
        public CopyStatus activeCopy() {
            return active == 0 ? null : copies.get(active - 1);
        }

        /** "copy 1: CRC mismatch, copy 2: CRC mismatch" for the invalid copies. */
        public String problems() {
            StringBuilder sb = new StringBuilder();
            for (CopyStatus c : copies) {
                if (!c.valid()) {
                    sb.append(sb.length() == 0 ? "" : ", ")
                            .append("copy ").append(c.number()).append(": ").append(c.problem());
                }
            }
            return sb.toString();
        }
    }

    /** Reads every copy and picks the active one. Never fails on a bad copy; that is reported in it. */
    public synchronized Snapshot inspect() {
        List<CopyStatus> copies = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            copies.add(readCopy(i));
        }
        return new Snapshot(List.copyOf(copies), active(copies));
    }

    /** The active copy's variables, sorted by name (a fresh mutable map). */
    public synchronized SortedMap<String, String> read() throws BootException {
        return varsOf(requireValid(inspect()));
    }

    /**
     * The active copy's variables; if no copy is valid (fresh device), writes {@code defaults} first
     * and returns them. For creating an env, never for silently repairing one: callers decide.
     */
    public synchronized SortedMap<String, String> openOrDefaults(Map<String, String> defaults)
            throws BootException {
        Snapshot s = inspect();
        if (s.active() != 0) {
            return varsOf(s);
        }
        write(s, defaults);
        return new TreeMap<>(defaults);
    }

    /** Replaces the whole env with {@code vars} (one write to the inactive copy). */
    public synchronized void write(Map<String, String> vars) throws BootException {
        write(inspect(), vars);
    }

    /**
     * Read-modify-write as one write: applies {@code changes} (a null value deletes the variable) to
     * the active copy. Does not write when nothing changes. Returns the resulting env.
     *
     * @throws BootException when no copy is valid
     */
    public SortedMap<String, String> update(Map<String, String> changes) throws BootException {
        return update(changes, null);
    }

    /**
     * Like {@link #update(Map)}, but starts from {@code defaultsIfInvalid} when no copy is valid
     * (null: fail instead).
     */
    public synchronized SortedMap<String, String> update(Map<String, String> changes,
                                                         Map<String, String> defaultsIfInvalid) throws BootException {
        Snapshot s = inspect();
        SortedMap<String, String> vars;
        if (s.active() != 0) {
            vars = varsOf(s);
        } else if (defaultsIfInvalid != null) {
            vars = new TreeMap<>(defaultsIfInvalid);
        } else {
            throw noValidCopy(s);
        }
        SortedMap<String, String> before = new TreeMap<>(vars);
        for (Map.Entry<String, String> e : changes.entrySet()) {
            if (e.getValue() == null) {
                vars.remove(e.getKey());
            } else {
                vars.put(e.getKey(), e.getValue());
            }
        }
        if (s.active() == 0 || !vars.equals(before)) {
            write(s, vars);
        }
        return vars;
    }

    private void write(Snapshot s, Map<String, String> vars) throws BootException {
        int target;
        int flags;
        if (!config.redundant()) {
            target = 0;
            flags = 0;
        } else if (s.active() == 0) {
            target = 1; // blank area: fw_setenv treats copy 1 (flags 0xff) as current, writes copy 2, flags 0
            flags = 0;
        } else {
            target = 2 - s.active(); // the inactive copy, 0-based
            flags = (s.activeCopy().flags() + 1) & 0xff;
        }
        byte[] image = codec.encode(vars, flags);
        FwEnvConfig.Copy c = config.copies().get(target);
        String where = "uboot env: copy " + (target + 1) + " (" + c.device() + " at "
                + FwEnvConfig.hex(c.offset()) + ")";
        try {
            devices.get(target).write(c.offset(), image);
            // Read back: catches short or silently dropped writes before anyone reboots on them.
            if (!Arrays.equals(image, devices.get(target).read(c.offset(), image.length))) {
                throw new BootException(where + ": read-back after write differs from what was written");
            }
        } catch (IOException e) {
            throw new BootException(where + ": write failed: " + e.getMessage(), e);
        }
    }

    private CopyStatus readCopy(int i) {
        FwEnvConfig.Copy c = config.copies().get(i);
        EnvDevice dev = devices.get(i);
        byte[] bytes;
        try {
            bytes = dev.read(c.offset(), c.envSize());
        } catch (EOFException e) {
            return new CopyStatus(i + 1, false, 0, "device " + c.device() + " ends before "
                    + FwEnvConfig.hex(c.offset() + c.envSize()), Map.of());
        } catch (IOException e) {
            return new CopyStatus(i + 1, false, 0, "read failed: " + e.getMessage(), Map.of());
        }
        UbootEnv.Decoded d = codec.decode(bytes);
        return new CopyStatus(i + 1, d.valid(), d.flags(), d.problem(), d.vars());
    }

    /** libubootenv's choice of the current copy; 0 when none is valid. */
    static int active(List<CopyStatus> copies) {
        if (copies.size() == 1) {
            return copies.get(0).valid() ? 1 : 0;
        }
        CopyStatus c1 = copies.get(0);
        CopyStatus c2 = copies.get(1);
        if (!c1.valid() || !c2.valid()) {
            return c1.valid() ? 1 : c2.valid() ? 2 : 0;
        }
        return newer(c1.flags(), c2.flags()) ? 2 : 1;
    }

    /** True when a copy with flags {@code f2} is newer than one with {@code f1}: larger, 255 -> 0 wraps. */
    static boolean newer(int f1, int f2) {
        if (f1 == 255 && f2 == 0) {
            return true;
        }
        if (f1 == 0 && f2 == 255) {
            return false;
        }
        return f2 > f1;
    }

    private static SortedMap<String, String> varsOf(Snapshot s) {
        return new TreeMap<>(s.activeCopy().vars());
    }

    private Snapshot requireValid(Snapshot s) throws BootException {
        if (s.active() == 0) {
            throw noValidCopy(s);
        }
        return s;
    }

    private static BootException noValidCopy(Snapshot s) {
        return new BootException("uboot env: no valid copy (" + s.problems() + ")");
    }
}
