module github.com/tfhyperstack/terraform-provider-hyperstack/tools/release

go 1.19
