//go:build !race

package reltest

const raceDetector = false
