package io.tfhyperstack.provider.datasource;

import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.resource.DataSource;
import io.tfhyperstack.framework.resource.StateResult;
import io.tfhyperstack.framework.schema.Attribute;
import io.tfhyperstack.framework.schema.Block;
import io.tfhyperstack.framework.schema.NestingMode;
import io.tfhyperstack.framework.schema.Schema;
import io.tfhyperstack.framework.types.ObjectType;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.validator.CollectionValidators;
import io.tfhyperstack.framework.validator.StringValidators;
import io.tfhyperstack.framework.values.Value;
import io.tfhyperstack.hyperstack.HyperstackClient;
import io.tfhyperstack.hyperstack.HyperstackException;
import io.tfhyperstack.hyperstack.model.Instance;
import io.tfhyperstack.provider.InstanceAttributes;
import io.tfhyperstack.provider.PowerState;
import io.tfhyperstack.provider.ProviderContext;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** {@code data "hyperstack_instances"}: every instance that passes the filters, ordered by id. */
public final class InstancesDataSource implements DataSource {
    public static final String TYPE_NAME = "hyperstack_instances";

    private static final List<Attribute> INSTANCE_FIELDS = InstanceAttributes.computed(Set.of());
    private static final Attribute.NestedAttributes INSTANCE =
            new Attribute.NestedAttributes(NestingMode.LIST, INSTANCE_FIELDS);
    private static final Schema SCHEMA = buildSchema();

    private final ProviderContext context;

    public InstancesDataSource(ProviderContext context) {
        this.context = context;
    }

    @Override
    public String typeName() {
        return TYPE_NAME;
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public void read(Value config, StateResult result) {
        Diagnostics diagnostics = result.diagnostics();
        HyperstackClient client = context.client(diagnostics);
        if (client == null) {
            return;
        }
        List<Instance> all;
        try {
            all = client.directory().all();
        } catch (HyperstackException e) {
            diagnostics.addError("Could not list the instances", e.getMessage());
            return;
        }
        List<Instance> kept = filterOf(config).apply(all);
        ObjectType element = INSTANCE.objectType();
        List<Value> objects = kept.stream().map(i -> InstanceAttributes.toObject(element, i)).toList();
        List<Value> ids = kept.stream().map(i -> Value.string(Long.toString(i.id()))).toList();
        result.state(config
                .withAttribute("instances", Value.list(element, objects))
                .withAttribute("ids", Value.list(Type.STRING, ids))
                .withAttribute("instance_count", Value.number(kept.size())));
    }

    /** The filters a validated configuration sets. */
    static InstanceFilter filterOf(Value config) {
        String environment = config.attribute("environment_name").stringOrNull();
        String regex = config.attribute("name_regex").stringOrNull();
        Value states = config.attribute("power_states");
        Value labels = config.attribute("labels");
        return new InstanceFilter(environment,
                regex == null ? null : Pattern.compile(regex),
                states.isNull() ? null : states.elements().stream().map(v -> PowerState.parse(v.asString()))
                        .collect(Collectors.toCollection(LinkedHashSet::new)),
                labels.isNull() ? null : labels.elements().stream().map(Value::asString)
                        .collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    private static Schema buildSchema() {
        String states = String.join(", ", List.of(PowerState.REPORTED).stream().map(s -> "`" + s + "`").toList());
        return Schema.of(new Block(List.of(
                Attribute.builder("environment_name").type(Type.STRING).optional()
                        .validator(StringValidators.notBlank())
                        .description("Only instances in the environment of this name (matched exactly).")
                        .build(),
                Attribute.builder("name_regex").type(Type.STRING).optional()
                        .validator(StringValidators.regularExpression())
                        .description("Only instances whose name contains a match of this regular expression "
                                + "(Java syntax; anchor it with `^` and `$` to match the whole name).")
                        .build(),
                Attribute.builder("power_states").type(Type.set(Type.STRING)).optional()
                        .validator(CollectionValidators.eachElement(StringValidators.oneOf(PowerState.REPORTED)))
                        .description("Only instances whose `power_state` is one of these: " + states + ".")
                        .build(),
                Attribute.builder("labels").type(Type.set(Type.STRING)).optional()
                        .description("Only instances that carry all of these labels (and maybe others).")
                        .build(),
                Attribute.builder("instances").nested(INSTANCE).computed()
                        .description("The instances that pass every filter, ordered by id. Each has the "
                                + "attributes the `hyperstack_instance` data source exports.")
                        .build(),
                Attribute.builder("ids").type(Type.list(Type.STRING)).computed()
                        .description("The ids of `instances`, in the same order (decimal strings).")
                        .build(),
                // Not "count": Terraform rejects any reference to a data source's `.count` (a leftover of
                // its 0.11 syntax), so an attribute of that name could never be used.
                Attribute.builder("instance_count").type(Type.NUMBER).computed()
                        .description("How many instances pass the filters, i.e. `length(ids)`.")
                        .build()),
                List.of(),
                "Lists the HyperStack instances that pass all the filters that are set; with no filter, every "
                        + "instance the API key can see. The list is ordered by id so that plans stay stable.",
                false));
    }
}
