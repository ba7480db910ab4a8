// Package advisory reads published vulnerability advisories and matches
// them against installed firmware versions.
//
// # Importers
//
// Each importer reads one document from an io.Reader (no network): OSV
// ([ReadOSV]), CSAF 2.0 ([ReadCSAF]), the NVD CVE API 2.0 ([ReadNVD]), CVE
// JSON 5 ([ReadCVE5]) and the CISA Known Exploited Vulnerabilities catalogue
// ([ReadKEV]); [ParseVers] reads "vers:" ranges. Every importer turns its
// source into the same model — [Advisory] with [Affected] entries holding
// enumerated versions and [Range]s — keeps the provenance of each statement
// (source, document, JSON path), and reports what it could not interpret as
// an [Issue] with its location instead of dropping it. Documents larger than
// [MaxDocument] are refused.
//
// # Matching
//
// [NewIndex] indexes advisories by vendor and product, then by version
// branch; [Index.Match] gives, for one device, every applicable advisory
// with a tri-state [Verdict]: affected, not affected, or unknown with a
// [Reason] (unparseable, incomparable branch, no version data, free text not
// understood, sources disagree). Enumerated versions are checked before
// ranges; a version that cannot be parsed never becomes "not affected". The
// verdict names the fixed version in the device's own branch, or says there
// is none and lists the branches that have fixes.
//
// # Touches
//
// Nothing but the readers it is given.
//
// # Clauses
//
// CIAJ-1.3.1-2 (the installed firmware is current and not known to be
// vulnerable), through package firmware.
package advisory
