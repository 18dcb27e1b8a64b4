//go:build !unix

package publish

import "io/fs"

// soleName: where the number of a file's names is not known, a file is
// taken to have others, and is replaced rather than changed in place.
func soleName(fs.FileInfo) bool { return false }
