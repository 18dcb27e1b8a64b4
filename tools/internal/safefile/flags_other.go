//go:build !unix

package safefile

// openFlags: FIFOs that block on open are a Unix matter.
const openFlags = 0
