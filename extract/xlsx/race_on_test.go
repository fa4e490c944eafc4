//go:build race

package xlsx

// raceEnabled: under the race detector, which makes the reader ten to twenty times
// slower, the bound tests read their generated workbooks with smaller limits.
const raceEnabled = true
