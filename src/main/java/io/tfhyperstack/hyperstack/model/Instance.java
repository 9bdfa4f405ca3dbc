package io.tfhyperstack.hyperstack.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Objects;

/**
 * A virtual machine as the API describes it (Instance_Fields). Every field may be missing or null in
 * the API's answers, so every reference field here may be null; unknown fields are ignored so that
 * the API can grow without breaking the provider. {@code labels} is never null: a missing or null
 * list reads as empty, because the API uses both for "no labels".
 *
 * <p>{@code status} stays the API's own string (so nothing is lost when the API invents a new one);
 * {@link #statusView()} gives the typed reading.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Instance(
        long id,
        String name,
        String status,
        String powerState,
        String vmState,
        String os,
        String fixedIp,
        String floatingIp,
        String floatingIpStatus,
        Boolean locked,
        String createdAt,
        List<String> labels,
        EnvironmentRef environment,
        ImageRef image,
        KeypairRef keypair,
        Flavor flavor) {

    public Instance {
        labels = labels == null ? List.of() : labels.stream().filter(Objects::nonNull).toList();
    }

    /** The typed reading of {@link #status()}; {@link InstanceStatus#UNKNOWN} for anything unrecognised. */
    public InstanceStatus statusView() {
        return InstanceStatus.of(status);
    }

    /** The environment's name, or null when the API left it out. */
    public String environmentName() {
        return environment == null ? null : environment.name();
    }

    /** True when {@code ip} is this machine's fixed (private) or floating (public) address. */
    public boolean hasIp(String ip) {
        return ip != null && (ip.equals(fixedIp) || ip.equals(floatingIp));
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EnvironmentRef(Long id, String name, Long orgId, String region) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ImageRef(String name) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KeypairRef(String name) {
    }

    /** {@code ram} is a number in GB that the API sends with a fraction ({@code 120.0}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Flavor(Long id, String name, Integer cpu, Double ram, Integer disk, Integer ephemeral, String gpu,
            Integer gpuCount) {
    }
}
