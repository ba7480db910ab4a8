//go:build race

package reltest

// raceDetector is true in builds with the race detector.
const raceDetector = true
