module github.com/netdevsec/netdevsec/bench

go 1.26.0

replace github.com/netdevsec/netdevsec => ../

require (
	github.com/Masterminds/semver/v3 v3.5.0
	github.com/hashicorp/go-version v1.9.0
	github.com/leodido/go-syslog/v4 v4.6.0
	github.com/nbutton23/zxcvbn-go v0.0.0-20210217022336-fa2cb2858354
	github.com/netdevsec/netdevsec v0.0.0-00010101000000-000000000000
	github.com/stretchr/testify v1.12.1
	github.com/trustelem/zxcvbn v1.0.1
	golang.org/x/crypto v0.59.0
)

require (
	github.com/FastFilter/xorfilter v0.5.1 // indirect
	github.com/clipperhouse/uax29/v2 v2.2.0 // indirect
	github.com/dlclark/regexp2 v1.12.0 // indirect
	github.com/goccy/go-yaml v1.19.2 // indirect
	github.com/google/go-cmp v0.7.0 // indirect
	github.com/gosnmp/gosnmp v1.47.0 // indirect
	github.com/mattn/go-runewidth v0.0.31 // indirect
	github.com/test-go/testify v1.1.4 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
	golang.org/x/sys v0.50.0 // indirect
	golang.org/x/text v0.44.0 // indirect
)
