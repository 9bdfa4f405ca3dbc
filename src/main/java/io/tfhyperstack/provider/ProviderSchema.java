package io.tfhyperstack.provider;

import io.tfhyperstack.framework.schema.Attribute;
import io.tfhyperstack.framework.schema.Block;
import io.tfhyperstack.framework.schema.Schema;
import io.tfhyperstack.framework.text.DurationString;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.validator.NumberValidators;
import io.tfhyperstack.framework.validator.StringValidators;

import java.util.List;

/** The {@code provider "hyperstack"} block. */
final class ProviderSchema {
    private ProviderSchema() {
    }

    static Schema schema() {
        return new Schema(0, new Block(List.of(
                Attribute.builder("api_key").type(Type.STRING).optional().sensitive()
                        .validator(StringValidators.notBlank())
                        .description("HyperStack API key, sent as the `api_key` header. Defaults to the `"
                                + ProviderSettings.ENV_API_KEY + "` environment variable; one of the two is required. "
                                + "Never logged or shown in plans.")
                        .build(),
                Attribute.builder("api_address").type(Type.STRING).optional()
                        .validator(StringValidators.httpUrl())
                        .description("Base URL of the HyperStack API. Defaults to the `"
                                + ProviderSettings.ENV_API_ADDRESS + "` environment variable, then to `"
                                + ProviderSettings.DEFAULT_API_ADDRESS + "`. Point it at the simulator "
                                + "(`terraform-provider-hyperstack simulator`) to try the provider without an account.")
                        .build(),
                Attribute.builder("max_retries").type(Type.NUMBER).optional()
                        .validator(NumberValidators.between(0, 20))
                        .description("How many times a request that is safe to repeat is retried after a server "
                                + "error (5xx) or a connection failure, with exponential backoff from 1 second. "
                                + "Defaults to `" + ProviderSettings.DEFAULT_MAX_RETRIES + "`. Rate limits (429) "
                                + "are waited out instead: see `rate_limit_wait`.")
                        .build(),
                Attribute.builder("requests_per_minute").type(Type.NUMBER).optional()
                        .validator(NumberValidators.between(1, 100_000))
                        .description("Client-side limit on API requests per minute for the whole provider process, "
                                + "so a large plan slows down instead of being rate limited. Defaults to `"
                                + ProviderSettings.DEFAULT_REQUESTS_PER_MINUTE + "`, the API's documented limit per IP. "
                                + "It is the most the provider sends: when the API answers 429 (others behind the "
                                + "same IP use the same limit), the provider lowers its own pace and climbs back "
                                + "slowly while requests succeed.")
                        .build(),
                Attribute.builder("request_timeout").type(Type.STRING).optional()
                        .validator(StringValidators.duration())
                        .description("Time limit of one API request, retries excluded, as a duration such as `30s` "
                                + "or `2m`. Defaults to `60s`.")
                        .build(),
                Attribute.builder("proxy_url").type(Type.STRING).optional().sensitive()
                        .validator(ProxyUrlValidator.INSTANCE)
                        .description("Proxy for every API request, such as `http://proxy.example.com:3128` or "
                                + "`http://user:password@proxy.example.com:3128` (the credentials are sent as "
                                + "`Proxy-Authorization` and never logged); `socks5://` proxies work too. Takes the "
                                + "place of the `HTTPS_PROXY` and `HTTP_PROXY` environment variables, which are used "
                                + "otherwise, as Go providers use them; `NO_PROXY` still applies, and loopback "
                                + "addresses never use a proxy. An empty string means no proxy, whatever the "
                                + "environment says.")
                        .build(),
                Attribute.builder("ca_file").type(Type.STRING).optional()
                        .validator(StringValidators.notBlank())
                        .description("Path of a PEM file of certificate authorities to trust in addition to the "
                                + "system's (the system bundle, `/etc/ssl/certs`, or `SSL_CERT_FILE` and "
                                + "`SSL_CERT_DIR` when set), for an API behind a private certificate authority or a "
                                + "proxy that re-signs TLS.")
                        .build(),
                Attribute.builder("rate_limit_wait").type(Type.STRING).optional()
                        .validator(StringValidators.duration())
                        .description("How long a read keeps waiting when the API answers 429 Too Many Requests "
                                + "(the API counts requests per IP in one-minute windows), as a duration such as "
                                + "`5m`; `0s` fails at once. Defaults to `"
                                + DurationString.format(ProviderSettings.DEFAULT_RATE_LIMIT_WAIT) + "`, two windows. "
                                + "The API's `Retry-After` is honoured. A resource's create waits instead for as "
                                + "long as its `timeouts.create` allows.")
                        .build()),
                List.of(),
                "The HyperStack provider finds and controls [HyperStack](https://www.hyperstack.cloud/) GPU "
                        + "instances: look them up by id, name or IP, and start, stop, hibernate or restore them "
                        + "by setting `power_state`.",
                false));
    }
}
