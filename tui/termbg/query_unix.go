//go:build linux || darwin || dragonfly || freebsd || netbsd || openbsd

package termbg

import (
	"os"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// query writes the two requests to the controlling terminal (in no-echo,
// non-canonical mode, restored after) and reads until the cursor report
// arrives or timeout passes.
func query(timeout time.Duration) (string, bool) {
	tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		return "", false
	}
	defer tty.Close()
	// Not tty.Fd(): it would put the file in blocking mode, and the read
	// deadline below would no longer bound the wait.
	rc, err := tty.SyscallConn()
	if err != nil {
		return "", false
	}
	var old *unix.Termios
	ok := false
	if err := rc.Control(func(fd uintptr) {
		if pgrp, err := unix.IoctlGetInt(int(fd), unix.TIOCGPGRP); err != nil || pgrp != unix.Getpgrp() {
			return // in the background: the terminal is not ours to ask
		}
		t, err := unix.IoctlGetTermios(int(fd), ioctlGetTermios)
		if err != nil {
			return
		}
		raw := *t
		raw.Lflag &^= unix.ECHO | unix.ICANON
		raw.Cc[unix.VMIN], raw.Cc[unix.VTIME] = 1, 0
		if unix.IoctlSetTermios(int(fd), ioctlSetTermios, &raw) == nil {
			old, ok = t, true
		}
	}); err != nil || !ok {
		return "", false
	}
	defer func() {
		// Best effort: the terminal's mode is put back as it was.
		_ = rc.Control(func(fd uintptr) { _ = unix.IoctlSetTermios(int(fd), ioctlSetTermios, old) })
	}()
	if err := tty.SetReadDeadline(time.Now().Add(timeout)); err != nil {
		return "", false // not pollable: cannot bound the wait
	}
	if _, err := tty.WriteString("\x1b]11;?\x1b\\\x1b[6n"); err != nil {
		return "", false
	}
	var b strings.Builder
	buf := make([]byte, 256)
	for b.Len() < 1024 {
		n, err := tty.Read(buf)
		b.Write(buf[:n])
		if s := b.String(); cursorReport(s) {
			return s, true
		}
		if err != nil {
			return b.String(), b.Len() > 0
		}
	}
	return b.String(), true
}

// cursorReport reports whether s holds the answer to ESC[6n
// ("ESC[row;colR"), which comes after any OSC 11 answer.
func cursorReport(s string) bool {
	i := strings.LastIndex(s, "\x1b[")
	if i < 0 {
		return false
	}
	rest := s[i+2:]
	j := strings.IndexByte(rest, 'R')
	if j <= 0 {
		return false
	}
	for _, c := range rest[:j] {
		if (c < '0' || c > '9') && c != ';' {
			return false
		}
	}
	return true
}
