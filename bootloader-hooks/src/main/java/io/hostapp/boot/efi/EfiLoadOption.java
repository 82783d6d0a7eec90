package io.hostapp.boot.efi;

import io.hostapp.boot.BootException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An {@code EFI_LOAD_OPTION}, the data of a {@code Boot####} variable (UEFI spec 3.1.3), reduced to what a
 * simulated firmware and the tests need: an active entry with a description and one file-path device path.
 * <pre>
 * u32 LE   Attributes           0x1 LOAD_OPTION_ACTIVE
 * u16 LE   FilePathListLength   bytes of the device path below
 * CHAR16[] Description          UTF-16LE, NUL-terminated
 * device path: media file-path node  04 04 len(u16 LE) UTF-16LE path NUL,  end node  7f ff 04 00
 * </pre>
 */
public final class EfiLoadOption {
    public static final int LOAD_OPTION_ACTIVE = 0x1;

    private EfiLoadOption() {
    }

    /** An active entry that boots {@code path} (e.g. {@code \EFI\hostapp\a.efi}) on the boot disk. */
    public static EfiVariable of(String description, String path) {
        byte[] file = (path + "\0").getBytes(StandardCharsets.UTF_16LE);
        ByteArrayOutputStream dp = new ByteArrayOutputStream();
        dp.write(0x04);
        dp.write(0x04);
        le16(dp, 4 + file.length);
        dp.writeBytes(file);
        dp.writeBytes(new byte[] {0x7f, (byte) 0xff, 0x04, 0x00});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        le16(out, LOAD_OPTION_ACTIVE);
        le16(out, 0);
        le16(out, dp.size());
        out.writeBytes((description + "\0").getBytes(StandardCharsets.UTF_16LE));
        out.writeBytes(dp.toByteArray());
        return new EfiVariable(EfiVariable.NV_BS_RT, out.toByteArray());
    }

    /** The description of a load option. */
    public static String description(EfiVariable v) throws BootException {
        byte[] d = v.data();
        if (d.length < 8) {
            throw new BootException("load option is " + d.length + " bytes, too short");
        }
        int end = 6;
        while (end + 1 < d.length && (d[end] != 0 || d[end + 1] != 0)) {
            end += 2;
        }
        return new String(d, 6, end - 6, StandardCharsets.UTF_16LE);
    }

    /** True when the entry's LOAD_OPTION_ACTIVE bit is set (firmware skips inactive entries in BootOrder). */
    public static boolean active(EfiVariable v) {
        byte[] d = v.data();
        return d.length >= 4 && (d[0] & LOAD_OPTION_ACTIVE) != 0;
    }

    private static void le16(ByteArrayOutputStream o, int v) {
        o.write(v & 0xff);
        o.write((v >>> 8) & 0xff);
    }
}
