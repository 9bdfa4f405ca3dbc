package io.tfhyperstack.framework.resource;

/** A resource that {@code terraform import} and {@code import {}} blocks can adopt by id. */
public interface ImportableResource extends Resource {
    /**
     * Turns an import id into a state that a following read can complete. Usually only the id
     * attribute is set; Terraform calls read right after.
     */
    void importState(String id, StateResult result);
}
