# A GPU instance from creation to deletion. Labels and power_state change in
# place; name, environment, flavor, key, image, assign_floating_ip and
# user_data are fixed at creation (changing them replaces the instance).
resource "hyperstack_instance" "trainer" {
  name               = "trainer-1"
  environment_name   = "demo-canada"
  flavor_name        = "n3-A100x1"
  key_name           = "demo-key"
  image_name         = "Ubuntu Server 22.04 LTS"
  assign_floating_ip = true
  user_data          = <<-EOT
    #cloud-config
    packages: [nvtop]
  EOT
  labels             = ["team-ml", "training"]

  # "running" (default), "stopped" or "hibernated". Hibernation keeps the
  # public IP unless retain_floating_ip = false.
  power_state        = "running"
  retain_floating_ip = true

  timeouts {
    create = "30m"
    update = "20m"
    delete = "10m"
  }
}

output "trainer_ssh" {
  value = "ssh ubuntu@${hyperstack_instance.trainer.floating_ip}"
}
