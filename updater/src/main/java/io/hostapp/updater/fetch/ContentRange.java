package io.hostapp.updater.fetch;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed {@code Content-Range: bytes FIRST-LAST/TOTAL} (RFC 9110 §14.4); TOTAL may be {@code *} (-1). */
record ContentRange(long first, long last, long total) {
    private static final Pattern P = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");

    static ContentRange parse(String header) {
        if (header == null) {
            return null;
        }
        Matcher m = P.matcher(header.strip());
        if (!m.matches()) {
            return null;
        }
        try {
            long first = Long.parseLong(m.group(1));
            long last = Long.parseLong(m.group(2));
            long total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
            if (last < first || (total >= 0 && last >= total)) {
                return null;
            }
            return new ContentRange(first, last, total);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
