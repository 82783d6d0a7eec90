package io.hostapp.manifest.rollout;

import java.math.BigInteger;
import java.util.Comparator;

/**
 * Orders release version strings. Rules, in order:
 * <ol>
 *   <li>a leading {@code v} or {@code V} is ignored ({@code v2} = {@code 2});</li>
 *   <li>the version splits at its first {@code -} into a core and an optional pre-release part;</li>
 *   <li>cores compare component by component at {@code .}: two all-digit components numerically,
 *       otherwise as strings; a missing component counts as {@code 0} ({@code 2} = {@code 2.0});</li>
 *   <li>for equal cores, a version without a pre-release part is higher ({@code 2.0-rc1 < 2.0});
 *       two pre-release parts compare with the same component rules.</li>
 * </ol>
 * So {@code v9 < v10 < 10.1 < 2024.1}, and {@code 2.1.0-rc2 < 2.1.0}.
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
            int c;
            if (x.matches("\\d+") && y.matches("\\d+")) {
                c = new BigInteger(x).compareTo(new BigInteger(y));
            } else {
                c = x.compareTo(y);
            }
            if (c != 0) {
                return Integer.signum(c);
            }
        }
        return 0;
    }
}
