# Every running instance in one environment that carries the label "web".
data "hyperstack_instances" "web" {
  environment_name = "demo-canada"
  power_states     = ["running"]
  labels           = ["web"]
}

# Instances whose name starts with "trainer-", whatever their state.
data "hyperstack_instances" "trainers" {
  name_regex = "^trainer-"
}

output "web_public_ips" {
  value = data.hyperstack_instances.web.instances[*].floating_ip
}

output "trainer_count" {
  value = data.hyperstack_instances.trainers.instance_count
}
