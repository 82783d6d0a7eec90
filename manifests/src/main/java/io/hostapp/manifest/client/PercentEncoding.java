package io.hostapp.manifest.client;

import java.nio.charset.StandardCharsets;

/**
 * Python's {@code urllib.parse.quote}: UTF-8 bytes outside {@code A-Z a-z 0-9 _ . - ~} (and the given
 * safe characters) become {@code %XX}. With no safe characters it turns any role name into one safe
 * path segment, so a role named {@code ../x} is requested as {@code ..%2Fx.json} and stored under
 * that name: it can neither escape the metadata directory nor change the URL path.
 */
public final class PercentEncoding {

    private PercentEncoding() {
    }

    public static String quote(String s, String safe) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '-' || c == '~' || (c < 0x80 && safe.indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
