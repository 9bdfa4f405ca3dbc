package io.tfhyperstack.e2e.support;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Checks that a secret shows up nowhere: as it is, nor in the encodings that logs use for bytes. */
public final class SecretSpellings {
    private SecretSpellings() {
    }

    public static List<String> of(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        return List.of(secret, HexFormat.of().formatHex(bytes), Base64.getEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Fails, naming the place and the spelling, when any of {@code places} (name → text) holds the secret. */
    public static void assertNowhere(String secret, Map<String, String> places) {
        for (String spelling : of(secret)) {
            places.forEach((place, text) -> assertFalse(text.contains(spelling),
                    "the secret (as " + spelling + ") is in the " + place));
        }
    }
}
