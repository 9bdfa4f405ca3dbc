package io.tfhyperstack.framework.text;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The one rule for what counts as an http(s) URL, wherever a URL comes from: a block or the environment. */
public final class HttpUrls {
    private HttpUrls() {
    }

    /** Why {@code text} is not an http or https URL with a host, or null when it is one. */
    public static String problem(String text) {
        // The scheme first: for "not a url" that is the useful thing to say, not where parsing broke.
        String lower = text.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return "it must start with http:// or https://";
        }
        try {
            URI uri = new URI(text);
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                return "it has no host";
            }
            if (uri.getPort() > 65535) {
                return "its port is above 65535";
            }
            return null;
        } catch (URISyntaxException e) {
            return e.getReason();
        }
    }
}
