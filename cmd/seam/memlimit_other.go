//go:build !unix

package main

// setMemoryLimit does nothing where there is no RLIMIT_DATA.
func setMemoryLimit() {}
