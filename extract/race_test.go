//go:build race

package extract

// raceDetector says the tests run under the race detector, which slows some code
// tenfold and other code not at all: timing comparisons mean nothing there.
const raceDetector = true
