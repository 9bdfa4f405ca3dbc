package io.tfhyperstack.framework.server;

import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.schema.Block;
import io.tfhyperstack.framework.validator.ConfigValidator;
import io.tfhyperstack.framework.validator.Validator;
import io.tfhyperstack.framework.validator.ValidatorRequest;
import io.tfhyperstack.framework.values.Value;

import java.util.List;

/**
 * Validate-time checks of a configuration: each attribute's validators on known, non-null values,
 * a warning for each deprecated attribute in use, then the checks across attributes.
 */
final class ConfigValidation {
    private ConfigValidation() {
    }

    static Diagnostics validate(Block block, Value config, List<ConfigValidator> configValidators) {
        Diagnostics diagnostics = new Diagnostics();
        if (config.isNull() || config.isUnknown()) {
            return diagnostics;
        }
        ObjectTree.rewrite(block, AttributePath.ROOT, config, Value.nullOf(config.type()), config,
                (a, path, c, p, plan, parentNew) -> {
                    if (c.isNull() || c.isUnknown()) {
                        return plan;
                    }
                    if (a.deprecated()) {
                        diagnostics.addWarning(path, "Deprecated attribute",
                                "The attribute " + path + " is deprecated: " + a.deprecationMessage());
                    }
                    for (Validator validator : a.validators()) {
                        validator.validate(new ValidatorRequest(path, c, config), diagnostics);
                    }
                    return plan;
                });
        for (ConfigValidator validator : configValidators) {
            validator.validate(config, diagnostics);
        }
        return diagnostics;
    }
}
