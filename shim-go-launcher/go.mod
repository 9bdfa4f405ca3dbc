module github.com/tfhyperstack/terraform-provider-hyperstack/shim-go-launcher

go 1.19
