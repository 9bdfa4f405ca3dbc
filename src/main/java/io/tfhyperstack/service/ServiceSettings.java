package io.tfhyperstack.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * How the launcher started the service: {@code service-run --socket S --key K --jar J --log L
 * --idle-seconds N}. Settings come as arguments, not environment variables, because the launcher
 * starts the service with a scrubbed environment.
 *
 * @param socket the unix socket to listen on
 * @param key the build key the launcher computed; sessions that name another are refused
 * @param jar the jar this service runs from; replacing or removing it ends the service
 * @param log the service's own log file, or null for none
 * @param idle how long the service waits with no session before it exits
 */
public record ServiceSettings(Path socket, String key, Path jar, Path log, Duration idle) {
    private static final Set<String> FLAGS = Set.of("--socket", "--key", "--jar", "--log", "--idle-seconds");

    /** Reads the arguments after {@code service-run}; a missing or unknown one is an IllegalArgumentException. */
    public static ServiceSettings parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!FLAGS.contains(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            values.put(args[i], args[i + 1]);
        }
        for (String required : new String[] {"--socket", "--key", "--jar", "--idle-seconds"}) {
            if (values.get(required) == null || values.get(required).isEmpty()) {
                throw new IllegalArgumentException("missing " + required);
            }
        }
        long idleSeconds;
        try {
            idleSeconds = Long.parseLong(values.get("--idle-seconds"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--idle-seconds is not a number: " + values.get("--idle-seconds"));
        }
        if (idleSeconds < 1) {
            throw new IllegalArgumentException("--idle-seconds must be at least 1");
        }
        String log = values.get("--log");
        return new ServiceSettings(Path.of(values.get("--socket")), values.get("--key"), Path.of(values.get("--jar")),
                log == null || log.isEmpty() ? null : Path.of(log), Duration.ofSeconds(idleSeconds));
    }
}
