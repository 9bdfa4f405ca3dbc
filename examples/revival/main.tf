# Revive a hibernated instance before a deployment: find it by name, bring it
# to running (waiting until it is ACTIVE), and hand its public IP to the next
# step of the pipeline, e.g.  terraform output -raw public_ip
terraform {
  required_providers {
    hyperstack = {
      source = "tfhyperstack/hyperstack"
    }
  }
}

provider "hyperstack" {}

variable "instance_name" {
  type        = string
  description = "Name of the instance to wake up."
  default     = "trainer-hibernated"
}

variable "environment_name" {
  type        = string
  description = "Environment of the instance (names are unique only within one)."
  default     = "demo-canada"
}

data "hyperstack_instance" "target" {
  name             = var.instance_name
  environment_name = var.environment_name
}

resource "hyperstack_instance_power_state" "target" {
  instance_id = data.hyperstack_instance.target.id
  power_state = "running"
}

# The IP after the restore: an instance whose address was released while it
# slept gets a new one, which the data source could not know at plan time.
output "public_ip" {
  value = hyperstack_instance_power_state.target.floating_ip
}

output "private_ip" {
  value = hyperstack_instance_power_state.target.fixed_ip
}
