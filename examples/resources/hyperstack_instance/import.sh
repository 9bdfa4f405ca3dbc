# Import an existing instance by its numeric id. user_data (and
# assign_floating_ip when the instance has no public IP) cannot be read from
# the API: they are taken from the configuration without replacing the instance.
terraform import hyperstack_instance.trainer 1001
