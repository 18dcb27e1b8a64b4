package variants

import (
	"os"
	"strconv"
	"strings"
	"syscall"
)

// dieWithParent: a worker is killed when the command that started it
// dies, however it dies (even by SIGKILL), so no worker goes on writing
// into an output after its run is gone.
func dieWithParent() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}

// residentBytes is this process's resident memory now, from
// /proc/self/statm (its second field, in pages); 0 if unknown.
func residentBytes() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		return 0
	}
	return pages * int64(os.Getpagesize())
}
