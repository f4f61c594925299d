package dev.frontline.server.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code frontline serve} in a child JVM on this JVM's class path (to be killed with SIGKILL, as a real server dies),
 * and free loopback ports for it. Shared by the kill, failover and real-PBX tests and the benchmarks.
 */
public final class ServeProcess {
    private ServeProcess() {
    }

    /**
     * Starts {@code frontline serve --config yaml}, its output (stdout and stderr) to {@code log}.
     *
     * @param env        added to the child's environment (secrets such as the AMI password)
     * @param jvmOptions e.g. {@code -Xmx256m}
     */
    public static Process start(Path yaml, Path log, Map<String, String> env, String... jvmOptions)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.frontline.server.Main", "serve",
                "--config", yaml.toString()));
        ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        b.environment().putAll(env);
        return b.start();
    }

    /** A port nobody listens on at this moment (on the loopback address). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
