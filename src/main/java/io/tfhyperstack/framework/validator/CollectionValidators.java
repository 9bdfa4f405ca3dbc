package io.tfhyperstack.framework.validator;

import io.tfhyperstack.framework.values.Value;

/** Validators for lists and sets that apply an element validator to each known element. */
public final class CollectionValidators {
    private CollectionValidators() {
    }

    public static Validator eachElement(Validator element) {
        return StringValidators.of("each element " + element.description(), (request, diagnostics) -> {
            long index = 0;
            for (Value v : request.value().elements()) {
                if (v.isKnown() && !v.isNull()) {
                    element.validate(new ValidatorRequest(request.path().index(index), v, request.config()),
                            diagnostics);
                }
                index++;
            }
        });
    }
}
