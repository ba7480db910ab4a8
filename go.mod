module github.com/netdevsec/netdevsec

go 1.26

require (
	github.com/goccy/go-yaml v1.19.2 // indirect
	github.com/stretchr/testify v1.11.1 // indirect
)
