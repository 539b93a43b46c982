//go:build unix

package main

import (
	"os"
	"runtime/debug"
	"syscall"
)

// setMemoryLimit gives the Go collector a soft limit of three quarters of
// the process's data limit (ulimit -d, RLIMIT_DATA) when one is set and
// GOMEMLIMIT is not: the collector then works harder near the limit
// instead of letting the heap's mappings grow past it, so a large input
// (a 100,000-rule mapping, a 16 MiB value) ends with a result or a clear
// error rather than "out of memory". Without a data limit nothing changes.
func setMemoryLimit() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_DATA, &rl); err != nil {
		return
	}
	if rl.Cur == 0 || rl.Cur > 1<<50 { // none, or RLIM_INFINITY
		return
	}
	debug.SetMemoryLimit(int64(rl.Cur / 4 * 3))
}
