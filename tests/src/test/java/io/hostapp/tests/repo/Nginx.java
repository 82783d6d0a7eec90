package io.hostapp.tests.repo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx serving a repository's {@code metadata/} and {@code targets/} (and nothing else: {@code staging/}
 * is not served) on a free loopback port. Runs in the foreground as a child process with a minimal
 * configuration in its own directory (pid, logs and temp paths there), so it needs no root; when the tests run
 * as root its worker runs as root too, to read JUnit's owner-only temp directories. {@link #close()} stops it.
 */
final class Nginx implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path dir;

    private Nginx(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** The nginx binary: {@code /usr/sbin/nginx} (Debian's package), else the first on PATH. */
    static Path binary() {
        for (String p : List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx")) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(d.isEmpty() ? "." : d, "nginx");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IllegalStateException("nginx not found: install the Debian package (scripts/install-deps.sh does)");
    }

    /** Starts nginx serving {@code root}; its configuration and logs go to {@code dir}. */
    static Nginx serve(Path root, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("temp"));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        boolean root0 = "root".equals(System.getProperty("user.name"));
        String conf = """
                worker_processes 1;
                daemon off;
                %s
                pid %s/nginx.pid;
                error_log %s/error.log;
                events { worker_connections 64; }
                http {
                  access_log %s/access.log;
                  client_body_temp_path %s/temp/body;
                  proxy_temp_path %s/temp/proxy;
                  fastcgi_temp_path %s/temp/fastcgi;
                  uwsgi_temp_path %s/temp/uwsgi;
                  scgi_temp_path %s/temp/scgi;
                  default_type application/octet-stream;
                  types { application/json json; }
                  log_not_found off;
                  server {
                    listen 127.0.0.1:%d;
                    root %s;
                    location /metadata/ { }
                    location /targets/ { }
                    location / { return 404; }
                  }
                }
                """.formatted(root0 ? "user root root;" : "", dir, dir, dir, dir, dir, dir, dir, dir, port,
                root.toAbsolutePath());
        Path confFile = dir.resolve("nginx.conf");
        Files.writeString(confFile, conf);
        Process p = new ProcessBuilder(binary().toString(), "-e", dir.resolve("error.log").toString(), "-p", dir.toString(),
                "-c", confFile.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        Nginx n = new Nginx(p, port, dir);
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("nginx exited with " + p.exitValue() + ": " + n.log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return n;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        n.close();
        throw new IllegalStateException("nginx did not listen on port " + port + " within 10 s: " + n.log());
    }

    int port() {
        return port;
    }

    /** Base URL of the repository, with a trailing slash. */
    String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    /** nginx's own output and error log, for failure messages. */
    String log() {
        StringBuilder b = new StringBuilder();
        for (String f : List.of("stdout.log", "error.log")) {
            try {
                b.append(Files.readString(dir.resolve(f)));
            } catch (IOException ignored) {
                // not written yet
            }
        }
        return b.toString();
    }

    /** The access log: one line per request. */
    List<String> requests() throws IOException {
        Path f = dir.resolve("access.log");
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: nginx's fast shutdown
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
