// Package fax holds facsimile facts and rules against misdirected sends,
// misconnection, documents left in trays and unconfirmed delivery, with
// helpers a device or fax gateway can embed.
//
// # Touches
//
// Values and files the caller passes in. Nothing on the network.
//
// # Clauses
//
// CIAJ-4.3-1, CIAJ-4.3-2, CIAJ-4.3-3, CIAJ-4.3-4, CIAJ-4.4-1, CIAJ-4.4-2.
package fax
