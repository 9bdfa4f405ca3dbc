# Hibernate an instance created outside this configuration (the console,
# another team's workspace) for the weekend, keeping its public IP.
# Destroying this resource leaves the instance as it is.
resource "hyperstack_instance_power_state" "trainer" {
  instance_id        = "1004"
  power_state        = "hibernated"
  retain_floating_ip = true

  timeouts {
    create = "20m"
    update = "20m"
  }
}
