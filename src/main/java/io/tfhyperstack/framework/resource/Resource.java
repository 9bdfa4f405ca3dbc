package io.tfhyperstack.framework.resource;

import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.schema.Schema;
import io.tfhyperstack.framework.validator.ConfigValidator;
import io.tfhyperstack.framework.values.Value;

import java.util.List;

/**
 * A managed resource type. The engine owns the protocol's rules (unknown computed values, defaults,
 * replacement, result checks); a resource only says what its operations do to the real object.
 * Optional abilities are separate interfaces, detected at run time: {@link ImportableResource},
 * {@link PlanModifyingResource}, {@link UpgradableResource}.
 */
public interface Resource {
    /** The full type name, e.g. {@code hyperstack_instance}. */
    String typeName();

    Schema schema();

    /** Checks across attributes, run at validate time next to each attribute's own validators. */
    default List<ConfigValidator> configValidators() {
        return List.of();
    }

    /** Further checks at validate time; values may be unknown here. */
    default void validateConfig(Value config, Diagnostics diagnostics) {
    }

    /**
     * Creates the object. Set the new state as soon as the object exists, even if a later step
     * fails: a state set together with an error is kept (and tainted) instead of being lost.
     */
    void create(CreateRequest request, StateResult result);

    /** Refreshes the state from the real object; {@link StateResult#removed()} when it is gone. */
    void read(ReadRequest request, StateResult result);

    void update(UpdateRequest request, StateResult result);

    /** Deletes the object. On error the prior state is kept, so nothing is forgotten. */
    void delete(DeleteRequest request, Diagnostics diagnostics);
}
