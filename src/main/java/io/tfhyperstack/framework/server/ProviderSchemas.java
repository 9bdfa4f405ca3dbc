package io.tfhyperstack.framework.server;

import io.tfhyperstack.framework.schema.Schema;

import java.util.Map;

/** Every schema the provider serves, keyed by type name. */
public record ProviderSchemas(Schema provider, Map<String, Schema> resources, Map<String, Schema> dataSources) {
}
