package io.tfhyperstack.provider;

import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.validator.Validator;
import io.tfhyperstack.framework.validator.ValidatorRequest;
import io.tfhyperstack.hyperstack.net.ProxyAddress;
import io.tfhyperstack.hyperstack.net.ProxySettings;

/** {@code proxy_url} at validate time: empty (no proxy) or a proxy address the client can use. */
final class ProxyUrlValidator implements Validator {
    static final ProxyUrlValidator INSTANCE = new ProxyUrlValidator();

    private ProxyUrlValidator() {
    }

    @Override
    public String description() {
        return "must be empty or an `http://` or `socks5://` proxy URL";
    }

    @Override
    public void validate(ValidatorRequest request, Diagnostics diagnostics) {
        String value = request.value().asString();
        if (value.isBlank()) {
            return;
        }
        try {
            ProxyAddress.parse(value, ProxySettings.PROXY_URL_ARGUMENT);
        } catch (IllegalArgumentException e) {
            // The message names the argument, never the value: it may carry a password.
            diagnostics.addError(request.path(), "Invalid proxy URL", e.getMessage() + ".");
        }
    }
}
