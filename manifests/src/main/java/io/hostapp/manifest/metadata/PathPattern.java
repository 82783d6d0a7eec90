package io.hostapp.manifest.metadata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Delegation path patterns as python-tuf matches them: pattern and target path are split at
 * {@code /}, must have the same number of segments, and each target segment must match the pattern
 * segment under Python's {@code fnmatch.fnmatchcase} rules:
 * {@code *} any run of characters, {@code ?} one character, {@code [seq]} one character in seq,
 * {@code [!seq]} one character not in seq; a {@code [} without a closing {@code ]} is literal.
 * So {@code *} never crosses a {@code /}: {@code releases/*} matches {@code releases/a} but not
 * {@code releases/a/b}.
 *
 * <p>Patterns come from signed but delegated (so not fully trusted) metadata, so they are matched
 * directly rather than translated to a regular expression: a pattern such as {@code *a*a*a*a*b} costs at
 * most (pattern length × path length) steps, never the exponential backtracking a regex engine can hit.
 * Characters are Unicode code points, as in Python.
 */
public final class PathPattern {

    private PathPattern() {
    }

    public static boolean matches(String pattern, String targetPath) {
        String[] p = pattern.split("/", -1);
        String[] t = targetPath.split("/", -1);
        if (p.length != t.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (!segmentMatches(p[i], t[i])) {
                return false;
            }
        }
        return true;
    }

    /** One element of a compiled pattern: {@code *} (star), or something that matches one code point. */
    private record Element(boolean star, CharSet set) {
    }

    /** The code points one element accepts: inclusive ranges, possibly negated (an empty set never matches). */
    private record CharSet(int[] from, int[] to, boolean negate) {
        static CharSet of(int c) {
            return new CharSet(new int[] {c}, new int[] {c}, false);
        }

        static final CharSet ANY = new CharSet(new int[0], new int[0], true);

        boolean contains(int c) {
            for (int i = 0; i < from.length; i++) {
                if (from[i] <= c && c <= to[i]) {
                    return !negate;
                }
            }
            return negate;
        }
    }

    static boolean segmentMatches(String pattern, String text) {
        List<Element> p = compile(pattern.codePoints().toArray());
        int[] t = text.codePoints().toArray();
        // The usual wildcard match: on a mismatch, let the last star swallow one more code point.
        int pi = 0;
        int ti = 0;
        int starAt = -1;
        int starText = 0;
        while (ti < t.length) {
            if (pi < p.size() && p.get(pi).star()) {
                starAt = pi++;
                starText = ti;
            } else if (pi < p.size() && p.get(pi).set().contains(t[ti])) {
                pi++;
                ti++;
            } else if (starAt >= 0) {
                pi = starAt + 1;
                ti = ++starText;
            } else {
                return false;
            }
        }
        while (pi < p.size() && p.get(pi).star()) {
            pi++;
        }
        return pi == p.size();
    }

    /** Compiles one segment's pattern, with CPython's {@code fnmatch.translate} rules for brackets. */
    private static List<Element> compile(int[] pat) {
        List<Element> out = new ArrayList<>();
        int n = pat.length;
        int i = 0;
        while (i < n) {
            int c = pat[i++];
            if (c == '*') {
                if (out.isEmpty() || !out.get(out.size() - 1).star()) {
                    out.add(new Element(true, null));
                }
            } else if (c == '?') {
                out.add(new Element(false, CharSet.ANY));
            } else if (c == '[') {
                int j = i;
                if (j < n && pat[j] == '!') {
                    j++;
                }
                if (j < n && pat[j] == ']') {
                    j++;
                }
                while (j < n && pat[j] != ']') {
                    j++;
                }
                if (j >= n) {
                    out.add(new Element(false, CharSet.of('[')));
                } else {
                    out.add(new Element(false, bracket(pat, i, j)));
                    i = j + 1;
                }
            } else {
                out.add(new Element(false, CharSet.of(c)));
            }
        }
        return out;
    }

    /**
     * The set {@code pat[i, j)} (between the brackets) stands for. As CPython: a leading {@code !} negates;
     * {@code -} makes a range unless it is the first member or follows a range; the two members around a
     * reversed range (z-a) are dropped with it; an empty set never matches, {@code [!]} matches any.
     */
    private static CharSet bracket(int[] pat, int i, int j) {
        boolean negate = pat[i] == '!';
        int start = negate ? i + 1 : i;
        // split at the hyphens that make ranges: chunks[k-1]'s last and chunks[k]'s first member are a range
        List<int[]> chunks = new ArrayList<>();
        int from = start;
        int k = start + 1;
        while (true) {
            int dash = -1;
            for (int m = k; m < j; m++) {
                if (pat[m] == '-') {
                    dash = m;
                    break;
                }
            }
            if (dash < 0) {
                break;
            }
            chunks.add(Arrays.copyOfRange(pat, from, dash));
            from = dash + 1;
            k = dash + 3;
        }
        if (from < j) {
            chunks.add(Arrays.copyOfRange(pat, from, j));
        } else if (!chunks.isEmpty()) {
            int[] last = chunks.get(chunks.size() - 1); // a trailing '-' is a member
            int[] withDash = Arrays.copyOf(last, last.length + 1);
            withDash[last.length] = '-';
            chunks.set(chunks.size() - 1, withDash);
        }
        for (int m = chunks.size() - 1; m > 0; m--) {
            int[] a = chunks.get(m - 1);
            int[] b = chunks.get(m);
            if (a.length > 0 && b.length > 0 && a[a.length - 1] > b[0]) { // reversed range: drop it
                int[] merged = new int[a.length - 1 + b.length - 1];
                System.arraycopy(a, 0, merged, 0, a.length - 1);
                System.arraycopy(b, 1, merged, a.length - 1, b.length - 1);
                chunks.set(m - 1, merged);
                chunks.remove(m);
            }
        }
        List<int[]> ranges = new ArrayList<>();
        for (int m = 0; m < chunks.size(); m++) {
            int[] ch = chunks.get(m);
            for (int x = 0; x < ch.length; x++) {
                boolean rangeStart = x == ch.length - 1 && m + 1 < chunks.size() && chunks.get(m + 1).length > 0;
                boolean rangeEnd = x == 0 && m > 0 && chunks.get(m - 1).length > 0;
                if (rangeStart) {
                    ranges.add(new int[] {ch[x], chunks.get(m + 1)[0]});
                } else if (!rangeEnd) {
                    ranges.add(new int[] {ch[x], ch[x]});
                }
            }
        }
        int[] lo = new int[ranges.size()];
        int[] hi = new int[ranges.size()];
        for (int m = 0; m < ranges.size(); m++) {
            lo[m] = ranges.get(m)[0];
            hi[m] = ranges.get(m)[1];
        }
        return new CharSet(lo, hi, negate);
    }
}
