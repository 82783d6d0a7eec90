package io.hostapp.boot.efi;

import io.hostapp.boot.BootException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * One UEFI variable in the <b>efivarfs file format</b> (EFI.md): the file {@code Name-vendorguid} (GUID in
 * lower case) holds a little-endian u32 of attributes followed by the raw data.
 * <pre>
 * +0  u32 LE  attributes   0x1 NON_VOLATILE | 0x2 BOOTSERVICE_ACCESS | 0x4 RUNTIME_ACCESS (BootNext: 0x7)
 * +4  ...     data         BootNext, BootCurrent: one u16 LE boot number; BootOrder: u16 LE boot numbers
 * </pre>
 *
 * @param attributes the attribute bits
 * @param data       the variable's value
 */
public record EfiVariable(int attributes, byte[] data) {
    /** EFI_GLOBAL_VARIABLE: BootOrder, BootNext, BootCurrent, Boot####. */
    public static final UUID GLOBAL = UUID.fromString("8be4df61-93ca-11d2-aa0d-00e098032b8c");
    /** This project's vendor GUID, for its own variables (the trial marker). */
    public static final UUID HOSTAPP = UUID.fromString("873c805f-55fd-492a-bfdb-7a2dcd7a6a4a");
    public static final int NON_VOLATILE = 0x1;
    public static final int BOOTSERVICE_ACCESS = 0x2;
    public static final int RUNTIME_ACCESS = 0x4;
    /** What BootNext, BootOrder and Boot#### carry. */
    public static final int NV_BS_RT = NON_VOLATILE | BOOTSERVICE_ACCESS | RUNTIME_ACCESS;

    public EfiVariable {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The efivarfs file name of a variable. */
    public static String fileName(String name, UUID vendor) {
        return name + "-" + vendor.toString().toLowerCase(Locale.ROOT);
    }

    /** Parses efivarfs file content. */
    public static EfiVariable decode(byte[] file) throws BootException {
        if (file.length < 4) {
            throw new BootException("is " + file.length + " bytes, shorter than the 4-byte attributes");
        }
        int attr = (file[0] & 0xff) | (file[1] & 0xff) << 8 | (file[2] & 0xff) << 16 | (file[3] & 0xff) << 24;
        return new EfiVariable(attr, Arrays.copyOfRange(file, 4, file.length));
    }

    /** efivarfs file content: attributes then data, in one buffer (efivarfs wants them in one write). */
    public byte[] encode() {
        byte[] out = new byte[4 + data.length];
        for (int i = 0; i < 4; i++) {
            out[i] = (byte) (attributes >>> (8 * i));
        }
        System.arraycopy(data, 0, out, 4, data.length);
        return out;
    }

    /** A variable holding u16 LE boot numbers (BootNext: one, BootOrder: the list). */
    public static EfiVariable ofBootNumbers(List<Integer> numbers) {
        byte[] d = new byte[2 * numbers.size()];
        for (int i = 0; i < numbers.size(); i++) {
            int n = numbers.get(i);
            if (n < 0 || n > 0xffff) {
                throw new IllegalArgumentException("boot number " + n + " is not 0000..FFFF");
            }
            d[2 * i] = (byte) n;
            d[2 * i + 1] = (byte) (n >>> 8);
        }
        return new EfiVariable(NV_BS_RT, d);
    }

    /** The data as u16 LE boot numbers. */
    public List<Integer> bootNumbers() throws BootException {
        if (data.length % 2 != 0) {
            throw new BootException("data is " + data.length + " bytes, not a list of 16-bit boot numbers");
        }
        Integer[] out = new Integer[data.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (data[2 * i] & 0xff) | (data[2 * i + 1] & 0xff) << 8;
        }
        return List.of(out);
    }

    /** Boot number {@code n} as EFI spells it: four upper-case hex digits ({@code Boot0004}). */
    public static String hex4(int n) {
        return String.format("%04X", n);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EfiVariable v && v.attributes == attributes && Arrays.equals(v.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * attributes + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "EfiVariable[attributes=0x" + Integer.toHexString(attributes) + ", data=" + data.length + " bytes]";
    }
}
