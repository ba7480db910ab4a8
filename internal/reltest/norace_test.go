//go:build !race

package reltest_test

const raceDetector = false
