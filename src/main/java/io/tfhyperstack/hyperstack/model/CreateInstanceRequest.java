package io.tfhyperstack.hyperstack.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The body of POST /core/virtual-machines (Create_Instances_Payload) for exactly one machine.
 * {@code count} is always 1: the provider manages one machine per resource, and a count above one
 * would make the "did my create happen?" look-up by name ambiguous.
 *
 * <p>Optional fields left unset are omitted from the JSON rather than sent as null, so the API
 * applies its own defaults.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class CreateInstanceRequest {
    /** Longest name the API accepts. */
    public static final int MAX_NAME_LENGTH = 50;
    /** Longest callback URL the API accepts. */
    public static final int MAX_CALLBACK_URL_LENGTH = 250;

    private final String name;
    private final String environmentName;
    private final String flavorName;
    private final String keyName;
    private final String imageName;
    private final String volumeName;
    private final Boolean createBootableVolume;
    private final String userData;
    private final String callbackUrl;
    private final Boolean assignFloatingIp;
    private final Boolean enablePortRandomization;
    private final List<SecurityRule> securityRules;
    private final Profile profile;
    private final List<String> labels;

    private CreateInstanceRequest(Builder b) {
        this.name = b.name;
        this.environmentName = b.environmentName;
        this.flavorName = b.flavorName;
        this.keyName = b.keyName;
        this.imageName = b.imageName;
        this.volumeName = b.volumeName;
        this.createBootableVolume = b.createBootableVolume;
        this.userData = b.userData;
        this.callbackUrl = b.callbackUrl;
        this.assignFloatingIp = b.assignFloatingIp;
        this.enablePortRandomization = b.enablePortRandomization;
        this.securityRules = b.securityRules == null ? null : List.copyOf(b.securityRules);
        this.profile = b.profile;
        this.labels = b.labels == null ? null : List.copyOf(b.labels);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.environmentName = environmentName;
        b.flavorName = flavorName;
        b.keyName = keyName;
        b.imageName = imageName;
        b.volumeName = volumeName;
        b.createBootableVolume = createBootableVolume;
        b.userData = userData;
        b.callbackUrl = callbackUrl;
        b.assignFloatingIp = assignFloatingIp;
        b.enablePortRandomization = enablePortRandomization;
        b.securityRules = securityRules == null ? null : new ArrayList<>(securityRules);
        b.profile = profile;
        b.labels = labels == null ? null : new ArrayList<>(labels);
        return b;
    }

    @JsonProperty("count")
    public int count() {
        return 1;
    }

    @JsonProperty("name")
    public String name() {
        return name;
    }

    @JsonProperty("environment_name")
    public String environmentName() {
        return environmentName;
    }

    @JsonProperty("flavor_name")
    public String flavorName() {
        return flavorName;
    }

    @JsonProperty("key_name")
    public String keyName() {
        return keyName;
    }

    @JsonProperty("image_name")
    public String imageName() {
        return imageName;
    }

    @JsonProperty("volume_name")
    public String volumeName() {
        return volumeName;
    }

    @JsonProperty("create_bootable_volume")
    public Boolean createBootableVolume() {
        return createBootableVolume;
    }

    @JsonProperty("user_data")
    public String userData() {
        return userData;
    }

    @JsonProperty("callback_url")
    public String callbackUrl() {
        return callbackUrl;
    }

    @JsonProperty("assign_floating_ip")
    public Boolean assignFloatingIp() {
        return assignFloatingIp;
    }

    @JsonProperty("enable_port_randomization")
    public Boolean enablePortRandomization() {
        return enablePortRandomization;
    }

    @JsonProperty("security_rules")
    public List<SecurityRule> securityRules() {
        return securityRules;
    }

    @JsonProperty("profile")
    public Profile profile() {
        return profile;
    }

    @JsonProperty("labels")
    public List<String> labels() {
        return labels;
    }

    /** Short description for logs and messages; user data is left out (it may hold secrets). */
    @Override
    public String toString() {
        return "CreateInstanceRequest[name=" + name + ", environment=" + environmentName + ", flavor=" + flavorName
                + ", key=" + keyName + ", image=" + imageName + "]";
    }

    /** One firewall rule to create with the machine (CreateSecurityRulePayload). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SecurityRule(String direction, String protocol, String ethertype, String remoteIpPrefix,
            Integer portRangeMin, Integer portRangeMax) {
    }

    /** Saves the create settings as a named provisioning profile. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Profile(String name, String description) {
    }

    /** Builds a request; {@link #build()} checks the API's documented limits so mistakes fail before any call. */
    public static final class Builder {
        private String name;
        private String environmentName;
        private String flavorName;
        private String keyName;
        private String imageName;
        private String volumeName;
        private Boolean createBootableVolume;
        private String userData;
        private String callbackUrl;
        private Boolean assignFloatingIp;
        private Boolean enablePortRandomization;
        private List<SecurityRule> securityRules;
        private Profile profile;
        private List<String> labels;

        private Builder() {
        }

        public Builder name(String v) {
            this.name = v;
            return this;
        }

        public Builder environmentName(String v) {
            this.environmentName = v;
            return this;
        }

        public Builder flavorName(String v) {
            this.flavorName = v;
            return this;
        }

        public Builder keyName(String v) {
            this.keyName = v;
            return this;
        }

        public Builder imageName(String v) {
            this.imageName = v;
            return this;
        }

        public Builder volumeName(String v) {
            this.volumeName = v;
            return this;
        }

        public Builder createBootableVolume(Boolean v) {
            this.createBootableVolume = v;
            return this;
        }

        public Builder userData(String v) {
            this.userData = v;
            return this;
        }

        public Builder callbackUrl(String v) {
            this.callbackUrl = v;
            return this;
        }

        public Builder assignFloatingIp(Boolean v) {
            this.assignFloatingIp = v;
            return this;
        }

        public Builder enablePortRandomization(Boolean v) {
            this.enablePortRandomization = v;
            return this;
        }

        public Builder securityRules(List<SecurityRule> v) {
            this.securityRules = v == null ? null : new ArrayList<>(v);
            return this;
        }

        public Builder profile(Profile v) {
            this.profile = v;
            return this;
        }

        public Builder labels(List<String> v) {
            this.labels = v == null ? null : new ArrayList<>(v);
            return this;
        }

        public CreateInstanceRequest build() {
            requireText(name, "name");
            requireText(environmentName, "environment_name");
            requireText(flavorName, "flavor_name");
            requireText(keyName, "key_name");
            if (name.length() > MAX_NAME_LENGTH) {
                throw new IllegalArgumentException("name must be at most " + MAX_NAME_LENGTH
                        + " characters (HyperStack's limit), got " + name.length() + ": " + name);
            }
            if (callbackUrl != null && callbackUrl.length() > MAX_CALLBACK_URL_LENGTH) {
                throw new IllegalArgumentException("callback_url must be at most " + MAX_CALLBACK_URL_LENGTH
                        + " characters (HyperStack's limit), got " + callbackUrl.length());
            }
            if (labels != null && labels.stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("labels must not contain null");
            }
            return new CreateInstanceRequest(this);
        }

        private static void requireText(String v, String field) {
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException(field + " is required to create a virtual machine and must not be blank");
            }
        }
    }
}
