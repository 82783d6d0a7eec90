package io.hostapp.manifest.rollout;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders release version strings. Rules, in order:
 * <ol>
 *   <li>a leading {@code v} or {@code V} is ignored ({@code v2} = {@code 2});</li>
 *   <li>the version splits at its first {@code -} into a core and an optional pre-release part;</li>
 *   <li>cores compare component by component at {@code .}; components compare in natural order:
 *       split into runs of digits and runs of other characters, digit runs compare numerically,
 *       other runs as strings, a digit run sorts before a text run; a missing component counts as
 *       {@code 0} ({@code 2} = {@code 2.0});</li>
 *   <li>for equal cores, a version without a pre-release part is higher ({@code 2.0-rc1 < 2.0});
 *       two pre-release parts compare with the same component rules.</li>
 * </ol>
 * So {@code v9 < v10 < 10.1 < 2024.1}, and {@code 2.1.0-rc2 < 2.1.0-rc10 < 2.1.0}.
 */
public final class ReleaseVersion {

    /** The order described above. */
    public static final Comparator<String> ORDER = ReleaseVersion::compare;

    private ReleaseVersion() {
    }

    public static int compare(String a, String b) {
        String[] pa = strip(a).split("-", 2);
        String[] pb = strip(b).split("-", 2);
        int c = compareDotted(pa[0], pb[0]);
        if (c != 0) {
            return c;
        }
        boolean preA = pa.length > 1;
        boolean preB = pb.length > 1;
        if (preA != preB) {
            return preA ? -1 : 1;
        }
        return preA ? compareDotted(pa[1], pb[1]) : 0;
    }

    private static String strip(String v) {
        return v.startsWith("v") || v.startsWith("V") ? v.substring(1) : v;
    }

    private static int compareDotted(String a, String b) {
        String[] ca = a.split("\\.", -1);
        String[] cb = b.split("\\.", -1);
        for (int i = 0; i < Math.max(ca.length, cb.length); i++) {
            String x = i < ca.length ? ca[i] : "0";
            String y = i < cb.length ? cb[i] : "0";
            int c = compareNatural(x, y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static final Pattern RUN = Pattern.compile("\\d+|\\D+");

    private static int compareNatural(String a, String b) {
        Matcher ma = RUN.matcher(a);
        Matcher mb = RUN.matcher(b);
        while (true) {
            boolean ha = ma.find();
            boolean hb = mb.find();
            if (!ha || !hb) {
                return Boolean.compare(ha, hb);
            }
            String x = ma.group();
            String y = mb.group();
            // a digit run is what RUN's \d matched: ASCII 0-9 only (Character.isDigit also takes e.g. U+0663,
            // which then starts a text run that BigInteger cannot parse)
            boolean dx = x.charAt(0) >= '0' && x.charAt(0) <= '9';
            boolean dy = y.charAt(0) >= '0' && y.charAt(0) <= '9';
            int c;
            if (dx && dy) {
                c = new BigInteger(x).compareTo(new BigInteger(y));
            } else if (dx != dy) {
                c = dx ? -1 : 1;
            } else {
                c = x.compareTo(y);
            }
            if (c != 0) {
                return Integer.signum(c);
            }
        }
    }
}
