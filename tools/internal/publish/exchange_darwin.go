package publish

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchange swaps two folders in one atomic step (renamex_np with
// RENAME_SWAP, APFS and HFS+); elsewhere the caller falls back to two
// renames.
var exchange = func(a, b string) error {
	err := unix.RenamexNp(a, b, unix.RENAME_SWAP)
	if errors.Is(err, unix.ENOTSUP) || errors.Is(err, unix.EINVAL) {
		return errNoExchange
	}
	return err
}
