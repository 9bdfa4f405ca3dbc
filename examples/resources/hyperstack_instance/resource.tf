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

# User data that carries a secret: user_data_wo is write-only (Terraform 1.11
# or later), so it is sent when the instance is created and kept in neither
# plan nor state; it may come from an ephemeral variable. Terraform cannot see
# a change in it: bump user_data_wo_version to replace the instance with the
# new user data.
variable "join_token" {
  type      = string
  ephemeral = true
}

resource "hyperstack_instance" "worker" {
  name                 = "worker-1"
  environment_name     = "demo-canada"
  flavor_name          = "n3-A100x1"
  key_name             = "demo-key"
  user_data_wo         = <<-EOT
    #cloud-config
    runcmd:
      - ["/opt/cluster/join.sh", "${var.join_token}"]
  EOT
  user_data_wo_version = 1
}
