package io.hostapp.manifest.metadata;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** fnmatch semantics per path segment, as python-tuf. */
class PathPatternTest {

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
}
