# Take over the power of an existing instance by its numeric id.
terraform import hyperstack_instance_power_state.trainer 1004
