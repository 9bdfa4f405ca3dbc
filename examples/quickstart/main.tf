# The quickstart: find instances by name and by IP, and revive a hibernated one.
# scripts/quickstart runs it against the HyperStack simulator; with a real account,
# export HYPERSTACK_API_KEY and change the names below to your own instances.
terraform {
  required_providers {
    hyperstack = {
      source = "tfhyperstack/hyperstack"
    }
  }
}

provider "hyperstack" {}

variable "web_name" {
  type    = string
  default = "web-1"
}

variable "web_ip" {
  type    = string
  default = "203.0.113.12"
}

variable "sleeper_name" {
  type    = string
  default = "trainer-hibernated"
}

# Look an instance up by name...
data "hyperstack_instance" "web" {
  name = var.web_name
}

# ...or by its fixed or floating IP.
data "hyperstack_instance" "by_ip" {
  ip = var.web_ip
}

# A hibernated GPU instance, revived before a deployment.
data "hyperstack_instance" "sleeper" {
  name = var.sleeper_name
}

resource "hyperstack_instance_power_state" "sleeper" {
  instance_id = data.hyperstack_instance.sleeper.id
  power_state = "running"
}

output "web" {
  value = {
    id          = data.hyperstack_instance.web.id
    power_state = data.hyperstack_instance.web.power_state
    floating_ip = data.hyperstack_instance.web.floating_ip
  }
}

output "found_by_ip" {
  value = "${data.hyperstack_instance.by_ip.name} (${data.hyperstack_instance.by_ip.id}) is ${data.hyperstack_instance.by_ip.power_state}"
}

output "revived" {
  value = {
    id          = hyperstack_instance_power_state.sleeper.instance_id
    name        = hyperstack_instance_power_state.sleeper.name
    status      = hyperstack_instance_power_state.sleeper.status
    floating_ip = hyperstack_instance_power_state.sleeper.floating_ip
  }
}
