// Package inventory reads a fleet inventory: a YAML file that lists the
// devices to audit with their class, vendor, model, firmware version,
// management addresses, credential references, the config, log and CDR
// files that describe them, and per-domain facts.
//
// # Touches
//
// Only the inventory file itself, when [Load] is called; credential
// references are resolved on demand by [SecretRef.Resolve] from the
// environment or a file. Nothing is sent over the network.
//
// # Strictness
//
// Decoding is strict: an unknown field or a value of the wrong type is an
// error naming file:line:column. A broken device entry does not sink the
// inventory: it is reported in [Inventory.Errors] with its position, and
// every other device is still returned.
//
// # Secrets
//
// Credentials are references: an environment variable or a file. An
// inline plaintext value is accepted only when the entry also says
// insecure_inline: true, and it is held as a [netdevsec.Secret], which
// never prints its value.
//
// # Example
//
//	devices:
//	  - id: rtr-tokyo-1
//	    class: router
//	    vendor: yamaha
//	    model: RTX1300
//	    firmware: Rev.23.01.02
//	    addresses: [192.0.2.1]
//	    credentials:
//	      - name: admin
//	        user: admin
//	        password: {env: RTR_TOKYO_1_PASSWORD}
//	    files:
//	      configs: [configs/rtr-tokyo-1.txt]
//	      logs: [logs/rtr-tokyo-1.log]
//	    facts:
//	      logging: {enabled: true, ntp_servers: [ntp.nict.jp]}
//
// Clauses: the inventory serves every clause indirectly; it checks none.
package inventory
