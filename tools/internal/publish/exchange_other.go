//go:build !linux && !darwin

package publish

// exchange: this system offers no atomic exchange of two folders that Go
// can call; the caller falls back to two renames (see the package doc).
var exchange = func(a, b string) error { return errNoExchange }
