package io.tfhyperstack.framework.server;

import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.schema.Attribute;
import io.tfhyperstack.framework.schema.Block;
import io.tfhyperstack.framework.schema.NestedBlock;
import io.tfhyperstack.framework.schema.NestingMode;
import io.tfhyperstack.framework.types.ListType;
import io.tfhyperstack.framework.types.MapType;
import io.tfhyperstack.framework.types.ObjectType;
import io.tfhyperstack.framework.types.SetType;
import io.tfhyperstack.framework.types.TupleType;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.values.Value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks a schema block together with three parallel values of it (configuration, prior state, plan)
 * and rebuilds the plan attribute by attribute. Every plan rule of the engine is one
 * {@link AttributeRule} applied through this walk, so recursion into nested attributes and blocks is
 * written once.
 *
 * <p>Elements of lists and maps are matched to configuration and prior elements by index and key.
 * Elements of sets have no stable identity; inside a set the walk treats each element as new and
 * takes its configuration to be the planned element itself.
 */
final class ObjectTree {
    private ObjectTree() {
    }

    /** One rule, given one attribute's values, returns its new planned value. */
    @FunctionalInterface
    interface AttributeRule {
        Value apply(Attribute attribute, AttributePath path, Value config, Value prior, Value plan, boolean parentNew);
    }

    static Value rewrite(Block block, AttributePath path, Value config, Value prior, Value plan, AttributeRule rule) {
        if (plan.isNull() || plan.isUnknown()) {
            return plan;
        }
        boolean parentNew = prior.isNull() || prior.isUnknown();
        Map<String, Value> out = new LinkedHashMap<>(plan.entries());
        for (Attribute a : block.attributes()) {
            AttributePath p = path.attribute(a.name());
            Value c = child(config, a.name(), a.type());
            Value pr = child(prior, a.name(), a.type());
            Value v = rule.apply(a, p, c, pr, out.get(a.name()), parentNew);
            if (a.nested() != null) {
                Block nested = Block.of(a.nested().attributes());
                v = rewriteNested(nested, a.nested().nesting(), p, c, pr, v, rule);
            }
            out.put(a.name(), v);
        }
        for (NestedBlock b : block.blocks()) {
            AttributePath p = path.attribute(b.typeName());
            Value c = child(config, b.typeName(), b.type());
            Value pr = child(prior, b.typeName(), b.type());
            out.put(b.typeName(), rewriteNested(b.block(), b.nesting(), p, c, pr, out.get(b.typeName()), rule));
        }
        return Value.object((ObjectType) plan.type(), out);
    }

    private static Value rewriteNested(Block block, NestingMode nesting, AttributePath path, Value config, Value prior,
                                       Value plan, AttributeRule rule) {
        if (plan.isNull() || plan.isUnknown()) {
            return plan;
        }
        switch (nesting) {
            case SINGLE, GROUP:
                return rewrite(block, path, config, prior, plan, rule);
            case LIST: {
                List<Value> configs = knownElements(config);
                List<Value> priors = knownElements(prior);
                List<Value> out = new ArrayList<>();
                int i = 0;
                for (Value element : plan.elements()) {
                    Value c = i < configs.size() ? configs.get(i) : Value.nullOf(element.type());
                    Value pr = i < priors.size() ? priors.get(i) : Value.nullOf(element.type());
                    out.add(rewrite(block, path.index(i), c, pr, element, rule));
                    i++;
                }
                return Value.list(((ListType) plan.type()).element(), out);
            }
            case SET: {
                List<Value> out = new ArrayList<>();
                int i = 0;
                for (Value element : plan.elements()) {
                    out.add(rewrite(block, path.index(i++), element, Value.nullOf(element.type()), element, rule));
                }
                return Value.set(((SetType) plan.type()).element(), out);
            }
            case MAP: {
                Map<String, Value> configs = knownEntries(config);
                Map<String, Value> priors = knownEntries(prior);
                Map<String, Value> out = new LinkedHashMap<>();
                for (Map.Entry<String, Value> e : plan.entries().entrySet()) {
                    Type t = e.getValue().type();
                    out.put(e.getKey(), rewrite(block, path.key(e.getKey()),
                            configs.getOrDefault(e.getKey(), Value.nullOf(t)),
                            priors.getOrDefault(e.getKey(), Value.nullOf(t)), e.getValue(), rule));
                }
                return Value.map(((MapType) plan.type()).element(), out);
            }
            default:
                throw new IllegalStateException("unexpected nesting " + nesting);
        }
    }

    /** The named attribute of an object value; null or unknown when the object itself is. */
    static Value child(Value object, String name, Type type) {
        if (object.isUnknown()) {
            return Value.unknown(type);
        }
        if (object.isNull()) {
            return Value.nullOf(type);
        }
        return object.attribute(name);
    }

    private static List<Value> knownElements(Value v) {
        return v.isNull() || v.isUnknown() ? List.of() : v.elements();
    }

    private static Map<String, Value> knownEntries(Value v) {
        return v.isNull() || v.isUnknown() ? Map.of() : v.entries();
    }

    /** The path of the first unknown value inside {@code v}, or null when it is wholly known. */
    static AttributePath firstUnknown(Value v, AttributePath path) {
        if (v.isUnknown()) {
            return path;
        }
        if (v.isNull()) {
            return null;
        }
        Type t = v.type();
        if (t instanceof ObjectType || t instanceof MapType) {
            for (Map.Entry<String, Value> e : v.entries().entrySet()) {
                AttributePath found = firstUnknown(e.getValue(),
                        t instanceof ObjectType ? path.attribute(e.getKey()) : path.key(e.getKey()));
                if (found != null) {
                    return found;
                }
            }
        } else if (t instanceof ListType || t instanceof SetType || t instanceof TupleType) {
            int i = 0;
            for (Value e : v.elements()) {
                AttributePath found = firstUnknown(e, path.index(i++));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** A copy with every unknown replaced by null, for results that Terraform requires to be known. */
    static Value unknownsAsNull(Value v) {
        if (v.isUnknown()) {
            return Value.nullOf(v.type());
        }
        if (v.isNull() || v.isWhollyKnown()) {
            return v;
        }
        Type t = v.type();
        if (t instanceof ObjectType o) {
            Map<String, Value> out = new LinkedHashMap<>();
            v.entries().forEach((k, e) -> out.put(k, unknownsAsNull(e)));
            return Value.object(o, out);
        }
        if (t instanceof MapType m) {
            Map<String, Value> out = new LinkedHashMap<>();
            v.entries().forEach((k, e) -> out.put(k, unknownsAsNull(e)));
            return Value.map(m.element(), out);
        }
        List<Value> out = new ArrayList<>();
        v.elements().forEach(e -> out.add(unknownsAsNull(e)));
        if (t instanceof ListType l) {
            return Value.list(l.element(), out);
        }
        if (t instanceof SetType s) {
            return Value.set(s.element(), out);
        }
        return Value.tuple((TupleType) t, out);
    }

    /**
     * Reports the deepest path where a known planned value differs from the actual one, or null
     * when every value the plan knew was kept.
     */
    static Mismatch firstMismatch(Value planned, Value actual, AttributePath path) {
        if (planned.isUnknown()) {
            return null;
        }
        if (planned.isNull() || actual.isNull() || actual.isUnknown()) {
            return planned.equals(actual) ? null : new Mismatch(path, planned, actual);
        }
        Type t = planned.type();
        if (t instanceof ObjectType) {
            for (Map.Entry<String, Value> e : planned.entries().entrySet()) {
                Mismatch m = firstMismatch(e.getValue(), actual.attribute(e.getKey()), path.attribute(e.getKey()));
                if (m != null) {
                    return m;
                }
            }
            return null;
        }
        if ((t instanceof ListType || t instanceof TupleType) && planned.elements().size() == actual.elements().size()) {
            List<Value> a = actual.elements();
            int i = 0;
            for (Value p : planned.elements()) {
                Mismatch m = firstMismatch(p, a.get(i), path.index(i));
                if (m != null) {
                    return m;
                }
                i++;
            }
            return null;
        }
        if (t instanceof MapType && planned.entries().keySet().equals(actual.entries().keySet())) {
            for (Map.Entry<String, Value> e : planned.entries().entrySet()) {
                Mismatch m = firstMismatch(e.getValue(), actual.entries().get(e.getKey()), path.key(e.getKey()));
                if (m != null) {
                    return m;
                }
            }
            return null;
        }
        // sets (and collections whose shape changed) compare as a whole: their elements have no
        // identity to line up
        if (!planned.isWhollyKnown()) {
            return null;
        }
        return planned.equals(actual) ? null : new Mismatch(path, planned, actual);
    }

    record Mismatch(AttributePath path, Value planned, Value actual) {
    }
}
