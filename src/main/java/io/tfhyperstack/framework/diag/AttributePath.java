package io.tfhyperstack.framework.diag;

import io.tfhyperstack.framework.text.HclStrings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An immutable path from the root of a resource's object to a value inside it, printed the way Terraform
 * prints paths in its messages: {@code name}, {@code a.b}, {@code list[0]}, {@code map["k"]}.
 */
public final class AttributePath {

    /** The empty path: the whole object. Prints as an empty string. */
    public static final AttributePath ROOT = new AttributePath(List.of());

    private final List<PathStep> steps;

    private AttributePath(List<PathStep> steps) {
        this.steps = steps;
    }

    /** A path made of the given steps, in order. */
    public static AttributePath of(List<? extends PathStep> steps) {
        return steps.isEmpty() ? ROOT : new AttributePath(List.copyOf(steps));
    }

    /** Shorthand for {@code ROOT.attribute(name)}. */
    public static AttributePath root(String name) {
        return ROOT.attribute(name);
    }

    public AttributePath attribute(String name) {
        return with(new PathStep.AttributeName(name));
    }

    public AttributePath index(long index) {
        return with(new PathStep.ElementKeyInt(index));
    }

    public AttributePath key(String key) {
        return with(new PathStep.ElementKeyString(key));
    }

    /** This path extended by one step. */
    public AttributePath with(PathStep step) {
        List<PathStep> extended = new ArrayList<>(steps.size() + 1);
        extended.addAll(steps);
        extended.add(step);
        return new AttributePath(Collections.unmodifiableList(extended));
    }

    public List<PathStep> steps() {
        return steps;
    }

    public boolean isRoot() {
        return steps.isEmpty();
    }

    public int size() {
        return steps.size();
    }

    /** The last step, or null for the root. */
    public PathStep lastStep() {
        return steps.isEmpty() ? null : steps.get(steps.size() - 1);
    }

    /** The path without its last step; the root's parent is the root. */
    public AttributePath parent() {
        return steps.size() <= 1 ? ROOT : new AttributePath(steps.subList(0, steps.size() - 1));
    }

    /** True when {@code prefix} is this path or one of its ancestors. */
    public boolean startsWith(AttributePath prefix) {
        return prefix.steps.size() <= steps.size() && steps.subList(0, prefix.steps.size()).equals(prefix.steps);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttributePath other && steps.equals(other.steps);
    }

    @Override
    public int hashCode() {
        return steps.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (PathStep step : steps) {
            if (step instanceof PathStep.AttributeName a) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(a.name());
            } else if (step instanceof PathStep.ElementKeyString k) {
                sb.append('[').append(HclStrings.quote(k.key())).append(']');
            } else if (step instanceof PathStep.ElementKeyInt i) {
                sb.append('[').append(i.index()).append(']');
            }
        }
        return sb.toString();
    }
}
