package io.hostapp.manifest.metadata;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** fnmatch semantics per path segment, as python-tuf. */
class PathPatternTest {
    /** Texts tried against every pattern below. */
    private static final String[] TEXTS = {"a", "b", "c", "d", "e", "f", "g", "-", "z", "]", "!", "\\", "*", "?", "/", "0", ".", "ä", "ö", "ab", "ax", "x", "bx", "aab", "a[b", "[ab]"};

    /** Pattern, then the texts of TEXTS it matches: printed by CPython 3.11's fnmatch.fnmatchcase. */
    private static final String[][] CPYTHON = {
        {"[a-c-e]", "a", "b", "c", "e", "-"},
        {"[!-a]", "b", "c", "d", "e", "f", "g", "z", "]", "!", "\\", "*", "?", "/", "0", ".", "ä", "ö", "x"},
        {"[z-a]"},
        {"[!z-a]", "a", "b", "c", "d", "e", "f", "g", "-", "z", "]", "!", "\\", "*", "?", "/", "0", ".", "ä", "ö", "x"},
        {"[az-ab]", "a", "b"},
        {"[a-]", "a", "-"},
        {"[-a]", "a", "-"},
        {"[]a]", "a", "]"},
        {"[!]a]", "b", "c", "d", "e", "f", "g", "-", "z", "!", "\\", "*", "?", "/", "0", ".", "ä", "ö", "x"},
        {"[a-c-e-g]", "a", "b", "c", "e", "f", "g", "-"},
        {"[\\]", "\\"},
        {"a[b", "a[b"},
        {"[*?]", "*", "?"},
        {"[--0]", "-", "/", "0", "."},
        {"[!a-c]x"},
        {"[ä-ü]", "ä", "ö"},
        {"*a*a*b", "aab"},
        {"[a-c-]", "a", "b", "c", "-"},
    };

    @Test
    void starStaysWithinASegment() {
        assertTrue(PathPattern.matches("releases/*", "releases/a"));
        assertFalse(PathPattern.matches("releases/*", "releases/a/b"));
        assertTrue(PathPattern.matches("releases/*/*", "releases/x/x_v1"));
        assertTrue(PathPattern.matches("*", "anything.txt"));
        assertFalse(PathPattern.matches("*", "dir/file"));
        assertTrue(PathPattern.matches("*.py", ".py"));
    }

    @Test
    void questionMarkAndSets() {
        assertTrue(PathPattern.matches("v?.img", "v2.img"));
        assertFalse(PathPattern.matches("v?.img", "v10.img"));
        assertTrue(PathPattern.matches("[ab]*", "beta"));
        assertFalse(PathPattern.matches("[!ab]*", "beta"));
        assertTrue(PathPattern.matches("[a-c].bin", "b.bin"));
        assertTrue(PathPattern.matches("x[", "x["), "an unclosed [ is literal");
    }

    @Test
    void regexSpecialCharactersAreLiteral() {
        assertTrue(PathPattern.matches("a.b+(c)", "a.b+(c)"));
        assertFalse(PathPattern.matches("a.b", "axb"));
        assertTrue(PathPattern.matches("rpi4/2.0/full.img.zst", "rpi4/2.0/full.img.zst"));
    }

    @Test
    void bracketsAsCPython() {
        for (String[] row : CPYTHON) {
            for (String text : TEXTS) {
                boolean want = java.util.Arrays.asList(row).subList(1, row.length).contains(text);
                org.junit.jupiter.api.Assertions.assertEquals(want, PathPattern.segmentMatches(row[0], text),
                        "pattern " + row[0] + " text " + text);
            }
        }
    }

    @Test
    void manyStarsDoNotBacktrackExponentially() {
        // a regex engine backtracks exponentially on this; the direct matcher is pattern x text steps
        String text = "a".repeat(5000);
        assertFalse(PathPattern.matches("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", text));
        assertTrue(PathPattern.matches("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*", text));
    }
}
