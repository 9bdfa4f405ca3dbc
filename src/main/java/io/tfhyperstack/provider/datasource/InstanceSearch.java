package io.tfhyperstack.provider.datasource;

import io.tfhyperstack.framework.values.Value;
import io.tfhyperstack.provider.InstanceId;

/**
 * The arguments of {@code data "hyperstack_instance"} as Java values (null when unset): the one place
 * that spells their names. What the data source exports is written by {@code InstanceAttributes}.
 */
record InstanceSearch(String id, String name, String ip, String environmentName) {
    static final String ID = "id";
    static final String NAME = "name";
    static final String IP = "ip";
    static final String ENVIRONMENT_NAME = "environment_name";

    static InstanceSearch of(Value config) {
        return new InstanceSearch(config.attribute(ID).stringOrNull(), config.attribute(NAME).stringOrNull(),
                config.attribute(IP).stringOrNull(), config.attribute(ENVIRONMENT_NAME).stringOrNull());
    }

    /** The search a validated configuration asks for. */
    InstanceLookup lookup() {
        if (id != null) {
            return InstanceLookup.byId(InstanceId.parse(id), environmentName);
        }
        if (name != null) {
            return InstanceLookup.byName(name, environmentName);
        }
        return InstanceLookup.byIp(ip, environmentName);
    }
}
