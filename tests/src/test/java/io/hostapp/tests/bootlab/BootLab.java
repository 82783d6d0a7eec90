package io.hostapp.tests.bootlab;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The rig for the real-bootloader tests: runs a tool with a timeout and captures its console, builds
 * MBR disk images with one FAT partition ({@code sfdisk}, {@code mkfs.vfat --offset}, no loop devices or
 * mounts) and copies files in and out with mtools. A missing tool is a failure, not a skip: CI installs
 * them ({@code scripts/install-deps.sh}).
 */
public final class BootLab {
    /** The FAT partition starts at 1 MiB; mtools addresses it as {@code image@@1M}. */
    static final String PART = "@@1M";

    /** A finished run: exit status, console text (CR and terminal escapes removed), wall time. */
    public record Run(int rc, String console, double seconds) {
        /** The console lines that contain {@code marker}, from the marker on. */
        public List<String> lines(String marker) {
            List<String> out = new ArrayList<>();
            for (String l : console.split("\n")) {
                int i = l.indexOf(marker);
                if (i >= 0) {
                    out.add(l.substring(i));
                }
            }
            return out;
        }
    }

    private BootLab() {
    }

    /** Fails the test when a tool is not on PATH (or at an absolute path). */
    public static void requireTools(String... tools) {
        for (String t : tools) {
            boolean found = t.startsWith("/") && Files.isRegularFile(Path.of(t)); // a firmware file, not a program
            for (String p : (System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin").split(File.pathSeparator)) {
                found |= Files.isExecutable(Path.of(p, t));
            }
            if (!found) {
                fail(t + " is not installed (scripts/install-deps.sh installs the bootloader test tools)");
            }
        }
    }

    /** Runs {@code cmd} with stdin from /dev/null, killed after {@code timeoutSeconds}. */
    public static Run run(Path workDir, Map<String, String> env, long timeoutSeconds, String... cmd)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("bootlab", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            if (workDir != null) {
                pb.directory(workDir.toFile());
            }
            pb.environment().put("PATH", pb.environment().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin");
            pb.environment().putAll(env);
            long t0 = System.nanoTime();
            Process p = pb.start();
            int rc;
            if (p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                rc = p.exitValue();
            } else {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
                rc = -1;
            }
            String text = new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1)
                    .replace("\r", "").replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "");
            return new Run(rc, text, (System.nanoTime() - t0) / 1e9);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Runs a host tool that must succeed within 60 s. */
    public static String tool(Path workDir, Map<String, String> env, String... cmd) throws IOException, InterruptedException {
        Run r = run(workDir, env, 60, cmd);
        assertEquals(0, r.rc(), String.join(" ", cmd) + ":\n" + r.console());
        return r.console();
    }

    public static String tool(String... cmd) throws IOException, InterruptedException {
        return tool(null, Map.of(), cmd);
    }

    /** A raw disk image of {@code mib} MiB: MBR, one bootable FAT partition from 1 MiB to the end. */
    public static Path fatDisk(Path image, int mib, String label) throws IOException, InterruptedException {
        Files.deleteIfExists(image);
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            f.setLength((long) mib << 20);
        }
        Path script = Files.writeString(image.resolveSibling(image.getFileName() + ".sfdisk"), "start=2048, type=c, bootable\n");
        tool(null, Map.of(), "sh", "-c", "sfdisk -q '" + image + "' < '" + script + "'");
        tool("mkfs.vfat", "--offset", "2048", "-n", label, image.toString(), Integer.toString((mib - 1) * 1024));
        return image;
    }

    /** Copies a host file into the FAT partition (replacing it). */
    public static void copyIn(Path image, Path file, String name) throws IOException, InterruptedException {
        tool("mcopy", "-o", "-i", image + PART, file.toString(), "::/" + name);
    }

    /** Copies a file out of the FAT partition. */
    public static void copyOut(Path image, String name, Path file) throws IOException, InterruptedException {
        tool("mcopy", "-n", "-o", "-i", image + PART, "::/" + name, file.toString());
    }
}
