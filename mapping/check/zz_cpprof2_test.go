package check

import (
	"os"
	"runtime/pprof"
)

func startProf(f *os.File) { pprof.StartCPUProfile(f) }
func stopProf()            { pprof.StopCPUProfile() }
