package firmware_test

import "github.com/netdevsec/netdevsec/firmware/advisory"

func firmwareDevice(installed string) advisory.Device {
	return advisory.Device{ID: "fgt-1", Vendor: "Fortinet", Model: "FortiGate-60F", Installed: installed}
}
