package io.tfhyperstack.e2e.thing;

import io.tfhyperstack.framework.codec.JsonCodec;
import io.tfhyperstack.framework.types.ObjectType;
import io.tfhyperstack.framework.values.Value;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Things as JSON lines in a properties file: id → state JSON. Good enough for one test at a time. */
public final class ThingStore {
    private final Path file;

    public ThingStore(Path file) {
        this.file = file;
    }

    synchronized String nextId() {
        Properties p = load();
        int next = Integer.parseInt(p.getProperty("_next", "1"));
        p.setProperty("_next", Integer.toString(next + 1));
        save(p);
        return "thing-" + next;
    }

    synchronized void put(String id, Value state, ObjectType type) {
        Properties p = load();
        p.setProperty(id, new String(JsonCodec.encode(state), StandardCharsets.UTF_8));
        save(p);
    }

    synchronized Value get(String id, ObjectType type) {
        String json = load().getProperty(id);
        return json == null ? null : JsonCodec.decode(json.getBytes(StandardCharsets.UTF_8), type);
    }

    /** Records the write-only token the thing was last given (create or update), or its absence. */
    synchronized void received(String id, Value token) {
        Properties p = load();
        p.setProperty("token." + id, token.isNull() ? "(null)" : token.asString());
        save(p);
    }

    /** The token the thing was last given, "(null)" for none, or null when it never got to create or update. */
    public synchronized String receivedToken(String id) {
        return load().getProperty("token." + id);
    }

    public synchronized void remove(String id) {
        Properties p = load();
        p.remove(id);
        save(p);
    }

    private Properties load() {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (var in = Files.newBufferedReader(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return p;
    }

    private void save(Properties p) {
        try (var out = Files.newBufferedWriter(file)) {
            p.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
