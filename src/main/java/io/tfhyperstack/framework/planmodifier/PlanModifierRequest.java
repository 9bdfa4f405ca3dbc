package io.tfhyperstack.framework.planmodifier;

import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.values.Value;

/**
 * One attribute's values at plan time.
 *
 * @param path   where the attribute sits
 * @param config its configured value
 * @param state  its prior value; null of its type when the object is being created
 * @param plan   its planned value so far
 * @param creating whether there is no prior object
 */
public record PlanModifierRequest(AttributePath path, Value config, Value state, Value plan, boolean creating) {
}
