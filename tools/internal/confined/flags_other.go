//go:build !unix

package confined

// openFlags: FIFOs that block on open are a Unix matter.
const openFlags = 0
