# Look an instance up by name. Names are unique only within an environment,
# so name the environment when several environments use the same name.
data "hyperstack_instance" "trainer" {
  name             = "worker"
  environment_name = "demo-canada"
}

# Or by its id (a string of digits) ...
data "hyperstack_instance" "by_id" {
  id = "1001"
}

# ... or by its private (fixed) or public (floating) IP address.
data "hyperstack_instance" "by_ip" {
  ip = "203.0.113.16"
}

output "trainer_ssh" {
  value = "ssh ubuntu@${data.hyperstack_instance.trainer.floating_ip}"
}

output "trainer_gpus" {
  value = "${data.hyperstack_instance.trainer.gpu_count} x ${data.hyperstack_instance.trainer.gpu}"
}
