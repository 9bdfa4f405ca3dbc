package io.tfhyperstack.hyperstack;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tfhyperstack.hyperstack.model.Environment;
import io.tfhyperstack.hyperstack.model.Instance;
import java.util.List;

/** The API's envelopes around the models, and the one JSON mapper. Nothing here leaves the package. */
final class Wire {
    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private Wire() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record InstancesPage(Boolean status, String message, Integer page, Integer pageSize, Integer count,
            List<Instance> instances) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record InstanceAnswer(Boolean status, String message, Instance instance) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CreateAnswer(Boolean status, String message, List<Instance> instances) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record EnvironmentsPage(Boolean status, String message, Integer page, Integer pageSize, Integer count,
            List<Environment> environments) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record NameAnswer(Boolean status, String message, Boolean available) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ErrorBody(Boolean status, String message, String errorReason) {
    }

    record LabelsBody(List<String> labels) {
    }
}
