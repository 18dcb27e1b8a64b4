package variants

import "syscall"

// dieWithParent: a worker is killed when the command that started it
// dies, however it dies (even by SIGKILL), so no worker goes on writing
// into an output after its run is gone.
func dieWithParent() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
