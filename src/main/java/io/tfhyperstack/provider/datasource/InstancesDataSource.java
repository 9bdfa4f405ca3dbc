package io.tfhyperstack.provider.datasource;

import io.tfhyperstack.framework.diag.Diagnostics;
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
import io.tfhyperstack.provider.HyperstackDataSource;
import io.tfhyperstack.provider.InstanceAttributes;
import io.tfhyperstack.provider.PowerState;
import io.tfhyperstack.provider.ProviderContext;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** {@code data "hyperstack_instances"}: every instance that passes the filters, ordered by id. */
public final class InstancesDataSource extends HyperstackDataSource {
    public static final String TYPE_NAME = "hyperstack_instances";

    private static final List<Attribute> INSTANCE_FIELDS = InstanceAttributes.computed(Set.of());
    private static final Attribute.NestedAttributes INSTANCE =
            new Attribute.NestedAttributes(NestingMode.LIST, INSTANCE_FIELDS);

    public InstancesDataSource(ProviderContext context) {
        super(TYPE_NAME, buildSchema(), context);
    }

    @Override
    protected void read(HyperstackClient client, Value config, StateResult result) {
        List<Instance> all;
        try {
            all = client.directory().all();
        } catch (HyperstackException e) {
            result.diagnostics().addError("Could not list the instances", e.getMessage());
            return;
        }
        List<Instance> kept = InstancesModel.of(config).filter().apply(all);
        result.state(InstancesModel.withFound(config, INSTANCE.objectType(), kept));
    }

    private static Schema buildSchema() {
        String states = String.join(", ", List.of(PowerState.REPORTED).stream().map(s -> "`" + s + "`").toList());
        return Schema.of(new Block(List.of(
                Attribute.builder(InstancesModel.ENVIRONMENT_NAME).type(Type.STRING).optional()
                        .validator(StringValidators.notBlank())
                        .description("Only instances in the environment of this name (matched exactly).")
                        .build(),
                Attribute.builder(InstancesModel.NAME_REGEX).type(Type.STRING).optional()
                        .validator(StringValidators.regularExpression())
                        .description("Only instances whose name contains a match of this regular expression "
                                + "(Java syntax; anchor it with `^` and `$` to match the whole name).")
                        .build(),
                Attribute.builder(InstancesModel.POWER_STATES).type(Type.set(Type.STRING)).optional()
                        .validator(CollectionValidators.eachElement(StringValidators.oneOf(PowerState.REPORTED)))
                        .description("Only instances whose `power_state` is one of these: " + states + ".")
                        .build(),
                Attribute.builder(InstancesModel.LABELS).type(Type.set(Type.STRING)).optional()
                        .description("Only instances that carry all of these labels (and maybe others).")
                        .build(),
                Attribute.builder(InstancesModel.INSTANCES).nested(INSTANCE).computed()
                        .description("The instances that pass every filter, ordered by id. Each has the "
                                + "attributes the `hyperstack_instance` data source exports.")
                        .build(),
                Attribute.builder(InstancesModel.IDS).type(Type.list(Type.STRING)).computed()
                        .description("The ids of `instances`, in the same order (decimal strings).")
                        .build(),
                Attribute.builder(InstancesModel.INSTANCE_COUNT).type(Type.NUMBER).computed()
                        .description("How many instances pass the filters, i.e. `length(ids)`.")
                        .build()),
                List.of(),
                "Lists the HyperStack instances that pass all the filters that are set; with no filter, every "
                        + "instance the API key can see. The list is ordered by id so that plans stay stable.",
                false));
    }
}
