/**
 * The HyperStack (Infrahub) API client: virtual machines and environments. Knows nothing of
 * Terraform, protobuf or gRPC; logs through {@code System.getLogger} (java.util.logging underneath).
 *
 * <p>How the provider uses it:
 * <pre>{@code
 * Cancellation stop = Cancellation.create();            // stop.cancel() on StopProvider
 * HyperstackClient api = HyperstackClient.builder()
 *         .apiKey(key)                                   // required; HYPERSTACK_API_KEY
 *         .baseUrl(address)                              // optional; HYPERSTACK_API_ADDRESS
 *         .terraformVersion(tfVersion)                   // User-Agent suffix
 *         .cancellation(stop)
 *         .build();                                      // one per process, shared by every resource
 *
 * Instance vm = api.createInstance(CreateInstanceRequest.builder()
 *         .name("web-1").environmentName("prod").flavorName("n3-A100x1").keyName("ops").build());
 * vm = api.statusWaiter().awaitStatus(vm.id(), InstanceStatus.ACTIVE, Duration.ofMinutes(10), stop);
 * List<Instance> byName = api.directory().findByName("web-1", "prod");
 * api.deleteInstance(vm.id());
 * api.statusWaiter().awaitGone(vm.id(), Duration.ofMinutes(5), stop);
 * }</pre>
 *
 * <p>Failures are unchecked {@link io.tfhyperstack.hyperstack.HyperstackException}s whose messages
 * are ready to show to a user: {@link io.tfhyperstack.hyperstack.NotFoundException} (404, e.g. "gone"
 * on refresh), {@link io.tfhyperstack.hyperstack.UnauthorizedException},
 * {@link io.tfhyperstack.hyperstack.ForbiddenException},
 * {@link io.tfhyperstack.hyperstack.ConflictException},
 * {@link io.tfhyperstack.hyperstack.BadRequestException},
 * {@link io.tfhyperstack.hyperstack.RateLimitedException},
 * {@link io.tfhyperstack.hyperstack.ServerErrorException} (all {@link io.tfhyperstack.hyperstack.ApiException}),
 * {@link io.tfhyperstack.hyperstack.TransportException}, {@link io.tfhyperstack.hyperstack.CancelledException},
 * {@link io.tfhyperstack.hyperstack.WaitTimeoutException} and
 * {@link io.tfhyperstack.hyperstack.InstanceFailedException}.
 */
package io.tfhyperstack.hyperstack;
