package io.tfhyperstack.e2e;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Which platform an executable is for, in the registry's os_arch names, read from its header bytes:
 * ELF (e_machine), Mach-O 64 (cputype) or PE32+ (the COFF machine).
 */
final class ExecutableFormat {
    private ExecutableFormat() {
    }

    static String of(byte[] head) {
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        if (head.length >= 20 && b.getInt(0) == 0x464c457f) { // \x7fELF
            if (head[4] != 2 || head[5] != 1) {
                return "ELF, not 64-bit little-endian";
            }
            return switch (b.getShort(18)) {
                case 62 -> "linux_amd64";
                case 183 -> "linux_arm64";
                default -> "ELF machine " + b.getShort(18);
            };
        }
        if (head.length >= 8 && b.getInt(0) == 0xfeedfacf) { // MH_MAGIC_64, little-endian
            return switch (b.getInt(4)) {
                case 0x01000007 -> "darwin_amd64";
                case 0x0100000c -> "darwin_arm64";
                default -> "Mach-O cpu " + Integer.toHexString(b.getInt(4));
            };
        }
        if (head.length >= 64 && head[0] == 'M' && head[1] == 'Z') {
            int pe = b.getInt(0x3c);
            if (pe + 26 > head.length || b.getInt(pe) != 0x00004550) { // PE\0\0
                return "MZ without a PE header";
            }
            int machine = b.getShort(pe + 4) & 0xffff;
            int optionalMagic = b.getShort(pe + 24) & 0xffff;
            if (optionalMagic != 0x20b) {
                return "PE, not PE32+";
            }
            return machine == 0x8664 ? "windows_amd64" : "PE machine " + Integer.toHexString(machine);
        }
        return "unknown format";
    }
}
