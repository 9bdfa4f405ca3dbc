package io.tfhyperstack.provider;

import io.tfhyperstack.Version;
import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.provider.ConfigureRequest;
import io.tfhyperstack.framework.text.FailureText;
import io.tfhyperstack.hyperstack.Cancellation;
import io.tfhyperstack.hyperstack.HyperstackClient;
import io.tfhyperstack.hyperstack.net.ApiConnection;
import io.tfhyperstack.hyperstack.net.ProxySettings;

import java.util.Map;

/**
 * What ConfigureProvider leaves behind for the resources and data sources: the API client, or the
 * reason there is none yet. Terraform may configure a provider with values that are unknown until
 * apply; then the client is built on the next configure, and any use before that says why it can't.
 */
public final class ProviderContext {
    private volatile HyperstackClient client;
    private volatile String notConfiguredReason = "The provider has not been configured yet.";

    void configure(ConfigureRequest request, Map<String, String> env, Diagnostics diagnostics) {
        if (!request.config().isWhollyKnown()) {
            notConfiguredReason = "The provider block uses values that are not known until apply, so the "
                    + "HyperStack API cannot be reached during this plan. Use values known at plan time "
                    + "(variables or environment variables) in the provider block.";
            return;
        }
        ProviderSettings settings = ProviderSettings.resolve(request.config(), env, diagnostics);
        if (settings == null) {
            notConfiguredReason = "The provider configuration is invalid; see the errors above.";
            return;
        }
        ApiConnection connection = connection(settings, env, diagnostics);
        if (connection == null) {
            notConfiguredReason = "The provider configuration is invalid; see the errors above.";
            return;
        }
        Cancellation cancellation = Cancellation.create();
        request.stopSignal().onStop(cancellation::cancel);
        try {
            client = HyperstackClient.builder()
                    .baseUrl(settings.apiAddress())
                    .apiKey(settings.apiKey())
                    .maxRetries(settings.maxRetries())
                    .requestsPerMinute(settings.requestsPerMinute())
                    .requestTimeout(settings.requestTimeout())
                    .rateLimitWait(settings.rateLimitWait())
                    .providerVersion(Version.get())
                    .terraformVersion(request.terraformVersion())
                    .cancellation(cancellation)
                    .connection(connection)
                    .build();
        } catch (IllegalArgumentException e) {
            // The HTTP client's own rules for a base URL are a little stricter than any check before it.
            diagnostics.addError(AttributePath.ROOT.attribute("api_address"), "Invalid API address",
                    "The API address \"" + settings.apiAddress() + "\" cannot be used: " + FailureText.of(e) + ".");
            notConfiguredReason = "The provider configuration is invalid; see the errors above.";
        }
    }

    /** Proxy and trust from the walk's environment and the block, or null with an error on the setting at fault. */
    private static ApiConnection connection(ProviderSettings settings, Map<String, String> env, Diagnostics diagnostics) {
        try {
            return ApiConnection.resolve(env, settings.proxyUrl(), settings.caFile())
                    .requireUsableFor(settings.apiAddress());
        } catch (IllegalArgumentException e) {
            AttributePath at = settings.proxyUrl() != null ? AttributePath.ROOT.attribute(ProxySettings.PROXY_URL_ARGUMENT)
                    : AttributePath.ROOT;
            diagnostics.addError(at, "Unusable proxy setting", FailureText.of(e) + ".");
            return null;
        }
    }

    /** The client, or null (and no error) when there is none yet: for work that can do without it. */
    public HyperstackClient clientIfConfigured() {
        return client;
    }

    /** The client, or null with an error saying why there is none. */
    public HyperstackClient client(Diagnostics diagnostics) {
        HyperstackClient c = client;
        if (c == null) {
            diagnostics.addError("Provider not configured", notConfiguredReason);
        }
        return c;
    }
}
