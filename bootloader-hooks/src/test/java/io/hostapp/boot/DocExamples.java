package io.hostapp.boot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the worked examples of a module format page: an HTML comment with parameters, then a fenced block. */
public final class DocExamples {
    /** One example: the comment's {@code key=value} parameters and the fenced block's lines. */
    public record Example(Map<String, String> params, List<String> lines) {
        public String text() {
            return String.join("\n", lines) + "\n";
        }
    }

    private DocExamples() {
    }

    /** The examples tagged {@code <!-- TAG key=value ... -->} in {@code page} (a file of this module). */
    public static List<Example> read(String page, String tag) throws IOException {
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        List<String> md = Files.readAllLines(base.resolve(page), StandardCharsets.UTF_8);
        List<Example> out = new ArrayList<>();
        Pattern comment = Pattern.compile("^<!-- " + Pattern.quote(tag) + " (.*) -->$");
        for (int i = 0; i < md.size(); i++) {
            Matcher m = comment.matcher(md.get(i));
            if (!m.matches()) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            // key=value pairs separated by spaces; the last value (vars=...) may contain spaces
            String rest = m.group(1);
            Matcher kv = Pattern.compile("(\\w+)=(.*?)(?= \\w+=|$)").matcher(rest);
            while (kv.find()) {
                params.put(kv.group(1), kv.group(2));
            }
            int start = i + 1;
            while (!md.get(start).startsWith("```")) {
                start++;
            }
            int end = start + 1;
            while (!md.get(end).startsWith("```")) {
                end++;
            }
            out.add(new Example(params, md.subList(start + 1, end)));
            i = end;
        }
        return out;
    }

    /** {@code a=1,b=x} (values: {@code \\} and {@code \n} escapes) as an ordered map. */
    public static Map<String, String> vars(String spec) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : spec.split(",")) {
            int eq = kv.indexOf('=');
            m.put(kv.substring(0, eq), kv.substring(eq + 1).replace("\\n", "\n").replace("\\\\", "\\"));
        }
        return m;
    }

    /** The bytes of a {@code hexdump -C} style dump. */
    public static byte[] hex(List<String> lines) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (String l : lines) {
            String hexPart = l.substring(10, Math.min(l.length(), 59));
            for (String h : hexPart.trim().split("\\s+")) {
                if (!h.isEmpty()) {
                    out.write(Integer.parseInt(h, 16));
                }
            }
        }
        return out.toByteArray();
    }
}
