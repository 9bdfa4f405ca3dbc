package io.tfhyperstack.provider.datasource;

import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.resource.StateResult;
import io.tfhyperstack.framework.schema.Attribute;
import io.tfhyperstack.framework.schema.Block;
import io.tfhyperstack.framework.schema.Schema;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.validator.ConfigValidator;
import io.tfhyperstack.framework.validator.ExactlyOneOf;
import io.tfhyperstack.framework.validator.StringValidators;
import io.tfhyperstack.framework.values.Value;
import io.tfhyperstack.hyperstack.HyperstackClient;
import io.tfhyperstack.hyperstack.HyperstackException;
import io.tfhyperstack.hyperstack.model.CreateInstanceRequest;
import io.tfhyperstack.hyperstack.model.Instance;
import io.tfhyperstack.provider.InstanceAttributes;
import io.tfhyperstack.provider.HyperstackDataSource;
import io.tfhyperstack.provider.InstanceId;
import io.tfhyperstack.provider.ProviderContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code data "hyperstack_instance"}: one existing instance, found by id, name or IP. */
public final class InstanceDataSource extends HyperstackDataSource {
    public static final String TYPE_NAME = "hyperstack_instance";
    /** The API's limit on instance names. */
    static final int MAX_NAME_LENGTH = CreateInstanceRequest.MAX_NAME_LENGTH;

    public InstanceDataSource(ProviderContext context) {
        super(TYPE_NAME, buildSchema(), context);
    }

    @Override
    public List<ConfigValidator> configValidators() {
        return List.of(ExactlyOneOf.of(InstanceSearch.ID, InstanceSearch.NAME, InstanceSearch.IP));
    }

    @Override
    protected void read(HyperstackClient client, Value config, StateResult result) {
        Diagnostics diagnostics = result.diagnostics();
        InstanceLookup lookup = InstanceSearch.of(config).lookup();
        Instance found;
        try {
            found = lookup.find(client.directory(), diagnostics);
        } catch (HyperstackException e) {
            diagnostics.addError(lookup.argument(), "Could not look up the instance", e.getMessage());
            return;
        }
        if (found != null) {
            result.state(InstanceAttributes.fill(config, found));
        }
    }

    private static Schema buildSchema() {
        List<Attribute> attributes = new ArrayList<>();
        attributes.add(Attribute.builder(InstanceSearch.ID).type(Type.STRING).optionalComputed()
                .validator(InstanceId.validator())
                .description("The id to look up, or, when the instance is found another way, its id. The API's ids "
                        + "are integers; here they are strings of decimal digits, e.g. `\"4242\"`, as Terraform "
                        + "ids are. Exactly one of `id`, `name` and `ip` must be set.")
                .build());
        attributes.add(Attribute.builder(InstanceSearch.NAME).type(Type.STRING).optionalComputed()
                .validator(StringValidators.lengthBetween(1, MAX_NAME_LENGTH))
                .description("The name to look up (matched exactly, including case; at most " + MAX_NAME_LENGTH
                        + " characters), or, when the instance is found another way, its name. Names are unique "
                        + "only within an environment: add `environment_name` when several environments use it.")
                .build());
        attributes.add(Attribute.builder(InstanceSearch.IP).type(Type.STRING).optional()
                .validator(StringValidators.ipAddress())
                .description("An IPv4 or IPv6 address to look up: the instance whose private (`fixed_ip`) or "
                        + "public (`floating_ip`) address it is.")
                .build());
        attributes.add(Attribute.builder(InstanceSearch.ENVIRONMENT_NAME).type(Type.STRING).optionalComputed()
                .validator(StringValidators.notBlank())
                .description("Only consider instances in the environment of this name (matched exactly). When "
                        + "not set, every environment is searched, and this attribute reports the environment "
                        + "of the instance found.")
                .build());
        attributes.addAll(InstanceAttributes.computed(Set.of(InstanceSearch.ID, InstanceSearch.NAME, InstanceSearch.ENVIRONMENT_NAME)));
        return Schema.of(new Block(attributes, List.of(),
                "Finds one existing HyperStack instance by `id`, `name` or `ip` and exports what the API reports "
                        + "about it. Exactly one instance must match, else the plan fails with an error that "
                        + "lists what was found. Lookups by name or IP share one listing of the instances per "
                        + "provider run, so many lookups in one plan stay cheap.",
                false));
    }
}
