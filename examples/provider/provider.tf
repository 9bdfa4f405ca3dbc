terraform {
  required_providers {
    hyperstack = {
      source = "tfhyperstack/hyperstack"
    }
  }
}

# The key and address usually come from the environment (HYPERSTACK_API_KEY,
# HYPERSTACK_API_ADDRESS), so that CI can inject them from its secret store.
provider "hyperstack" {
  max_retries         = 5
  requests_per_minute = 500
  request_timeout     = "60s"
}
