# The revival workflow: find a hibernated instance by name (or by IP), bring it
# to running and wait until its SSH port answers, hand its addresses to the
# next step of the pipeline (e.g.  terraform output -raw public_ip), and put it
# back to sleep afterwards with  terraform apply -var power=hibernated
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

variable "instance_ip" {
  type        = string
  description = "Or find it by one of its IP addresses (private or public) instead of its name."
  default     = null
}

variable "environment_name" {
  type        = string
  description = "Environment of the instance (names are unique only within one)."
  default     = "demo-canada"
}

variable "power" {
  type        = string
  description = "running to revive it, hibernated to put it back to sleep."
  default     = "running"
}

variable "wait_for_port" {
  type        = number
  description = "The apply returns once this port of the running instance takes connections."
  default     = 22
}

data "hyperstack_instance" "target" {
  name             = var.instance_ip == null ? var.instance_name : null
  ip               = var.instance_ip
  environment_name = var.environment_name
}

resource "hyperstack_instance_power_state" "target" {
  instance_id   = data.hyperstack_instance.target.id
  power_state   = var.power
  wait_for_port = var.wait_for_port
}

# The IP after the restore: an instance whose address was released while it
# slept gets a new one, which the data source could not know at plan time.
output "public_ip" {
  value = hyperstack_instance_power_state.target.floating_ip
}

output "private_ip" {
  value = hyperstack_instance_power_state.target.fixed_ip
}
