package io.hostapp.manifest.metadata;

/**
 * Delegation path patterns as python-tuf matches them: pattern and target path are split at
 * {@code /}, must have the same number of segments, and each target segment must match the pattern
 * segment under Python's {@code fnmatch.fnmatchcase} rules:
 * {@code *} any run of characters, {@code ?} one character, {@code [seq]} one character in seq,
 * {@code [!seq]} one character not in seq; a {@code [} without a closing {@code ]} is literal.
 * So {@code *} never crosses a {@code /}: {@code releases/*} matches {@code releases/a} but not
 * {@code releases/a/b}.
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

    static boolean segmentMatches(String pattern, String text) {
        return java.util.regex.Pattern.compile(toRegex(pattern), java.util.regex.Pattern.DOTALL).matcher(text).matches();
    }

    /** Translates one fnmatch pattern to a Java regex, as CPython's {@code fnmatch.translate}. */
    static String toRegex(String pat) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        int n = pat.length();
        while (i < n) {
            char c = pat.charAt(i++);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[') {
                int j = i;
                if (j < n && pat.charAt(j) == '!') {
                    j++;
                }
                if (j < n && pat.charAt(j) == ']') {
                    j++;
                }
                while (j < n && pat.charAt(j) != ']') {
                    j++;
                }
                if (j >= n) {
                    re.append("\\[");
                } else {
                    String stuff = pat.substring(i, j);
                    i = j + 1;
                    boolean negate = stuff.startsWith("!");
                    if (negate) {
                        stuff = stuff.substring(1);
                    }
                    StringBuilder set = new StringBuilder();
                    int lastChar = 0; // where the previous character starts in set
                    for (int k = 0; k < stuff.length(); k++) {
                        char s = stuff.charAt(k);
                        // keep ranges (a-z), escape everything regex-special inside a class
                        if (s == '-' && k > 0 && k < stuff.length() - 1) {
                            if (stuff.charAt(k - 1) > stuff.charAt(k + 1)) {
                                // a reversed range (z-a) is empty: CPython drops it, java.util.regex would throw
                                set.setLength(lastChar);
                                k++;
                                continue;
                            }
                            set.append('-');
                        } else if (Character.isLetterOrDigit(s)) {
                            lastChar = set.length();
                            set.append(s);
                        } else {
                            lastChar = set.length();
                            set.append('\\').append(s);
                        }
                    }
                    if (set.length() == 0) {
                        // "[]" / "[!]" never / always match one char, as in CPython
                        re.append(negate ? "." : "(?!)");
                    } else {
                        re.append('[').append(negate ? "^" : "").append(set).append(']');
                    }
                }
            } else {
                re.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }
}
