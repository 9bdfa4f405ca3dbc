package io.tfhyperstack.hyperstack;

import okhttp3.HttpUrl;

/**
 * One request to the API. {@code path} is what messages and logs show: no host, no query, never a
 * credential. {@code body} is JSON, or null.
 */
record ApiRequest(String method, String path, HttpUrl url, String body, RequestKind kind) {
    String describe() {
        return method + " " + path;
    }
}
