package publish

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchange swaps two folders in one atomic step (renameat2 with
// RENAME_EXCHANGE, Linux 3.15+). File systems that cannot (some network
// and FUSE file systems) answer EINVAL, old kernels ENOSYS: then the
// caller falls back to two renames.
var exchange = func(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.EOPNOTSUPP) {
		return errNoExchange
	}
	return err
}
