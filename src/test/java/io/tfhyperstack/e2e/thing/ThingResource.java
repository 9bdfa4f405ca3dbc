package io.tfhyperstack.e2e.thing;

import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.planmodifier.RequiresReplace;
import io.tfhyperstack.framework.planmodifier.UseStateForUnknown;
import io.tfhyperstack.framework.resource.CreateRequest;
import io.tfhyperstack.framework.resource.DeleteRequest;
import io.tfhyperstack.framework.resource.ImportableResource;
import io.tfhyperstack.framework.resource.ReadRequest;
import io.tfhyperstack.framework.resource.StateResult;
import io.tfhyperstack.framework.resource.UpdateRequest;
import io.tfhyperstack.framework.schema.Attribute;
import io.tfhyperstack.framework.schema.Block;
import io.tfhyperstack.framework.schema.NestedBlock;
import io.tfhyperstack.framework.schema.Schema;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.validator.StringValidators;
import io.tfhyperstack.framework.values.Value;

import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * A test-only resource, {@code hyperstack_test_thing}, that exercises the framework's plan and apply
 * rules against real Terraform: a computed id kept across updates, a replacing name, an optional
 * value with a default, a computed value that every update changes, a set, a nested block, and a
 * write-only token with a replacing version. It hands the token it was given back in its state on
 * purpose, as a careless resource would, so that tests prove the engine never lets it out; what it was
 * given is recorded in the store ({@link ThingStore#receivedToken}).
 * Objects live in a JSON file ({@code THING_STORE}) so that they outlive each provider process.
 */
public class ThingResource implements ImportableResource {
    private final ThingStore store;

    /** As the provider loads it, with the walk's environment, which names the store in THING_STORE. */
    public ThingResource(Map<String, String> environment) {
        this(new ThingStore(Paths.get(environment.getOrDefault("THING_STORE", "/tmp/thing-store.json"))));
    }

    public ThingResource(ThingStore store) {
        this.store = store;
    }

    @Override
    public String typeName() {
        return "hyperstack_test_thing";
    }

    @Override
    public Schema schema() {
        return new Schema(0, new Block(List.of(
                Attribute.builder("id").type(Type.STRING).computed().planModifier(UseStateForUnknown.INSTANCE)
                        .description("Id.").build(),
                Attribute.builder("name").type(Type.STRING).required().planModifier(RequiresReplace.INSTANCE)
                        .validator(StringValidators.lengthBetween(1, 20)).description("Name.").build(),
                Attribute.builder("size").type(Type.NUMBER).optional().description("Size.").build(),
                Attribute.builder("greeting").type(Type.STRING).optionalComputed()
                        .defaultValue(Value.string("hello")).description("Greeting.").build(),
                Attribute.builder("tags").type(Type.set(Type.STRING)).optional().description("Tags.").build(),
                Attribute.builder("revision").type(Type.NUMBER).computed().description("Bumped by each update.").build(),
                Attribute.builder("secret").type(Type.STRING).optional().sensitive().description("Secret.").build(),
                Attribute.builder("token_wo").type(Type.STRING).optional().writeOnly()
                        .description("A write-only token.").build(),
                Attribute.builder("token_wo_version").type(Type.NUMBER).optional()
                        .planModifier(RequiresReplace.INSTANCE).description("Replaces the thing when changed.").build()),
                List.of(NestedBlock.single("settings", Block.of(List.of(
                        Attribute.builder("color").type(Type.STRING).optional().description("Color.").build())))),
                "A test thing.", false));
    }

    @Override
    public void create(CreateRequest request, StateResult result) {
        String id = store.nextId();
        Value state = request.plan().withAttribute("id", Value.string(id)).withAttribute("revision", Value.number(1))
                .withAttribute("token_wo", request.config().attribute("token_wo"));
        store.put(id, state, schema().type());
        store.received(id, request.config().attribute("token_wo"));
        result.state(state);
    }

    @Override
    public void read(ReadRequest request, StateResult result) {
        Value stored = store.get(request.state().attribute("id").asString(), schema().type());
        if (stored == null) {
            result.diagnostics().addWarning("Thing is gone", "It was deleted outside Terraform.");
            result.remove();
            return;
        }
        result.state(stored);
    }

    @Override
    public void update(UpdateRequest request, StateResult result) {
        long revision = request.priorState().attribute("revision").asLong() + 1;
        Value state = request.plan().withAttribute("revision", Value.number(revision))
                .withAttribute("token_wo", request.config().attribute("token_wo"));
        store.put(state.attribute("id").asString(), state, schema().type());
        store.received(state.attribute("id").asString(), request.config().attribute("token_wo"));
        result.state(state);
    }

    @Override
    public void delete(DeleteRequest request, Diagnostics diagnostics) {
        store.remove(request.priorState().attribute("id").asString());
    }

    @Override
    public void importState(String id, StateResult result) {
        Value stored = store.get(id, schema().type());
        if (stored == null) {
            result.diagnostics().addError("Cannot import", "No thing with id " + id);
            return;
        }
        result.state(Value.object(schema().type(), Map.of("id", Value.string(id))));
    }

}
