package schema

import (
	"os"
	"runtime"
	"testing"
	"time"
)

// TestLoadBigFile loads the file named by SEAM_BIG_FILE (e.g. a generated
// 1.5 GB CSV) and logs time and peak heap: inference reads only the
// bounded sample. Skipped unless the variable is set.
func TestLoadBigFile(t *testing.T) {
	path := os.Getenv("SEAM_BIG_FILE")
	if path == "" {
		t.Skip("set SEAM_BIG_FILE to a large CSV/JSONL file to run")
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	start := time.Now()
	s, err := Load(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	el := time.Since(start)
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	t.Logf("%s: %d bytes, %d fields, %v, total allocated %d MB, sys %d MB", path, st.Size(), len(s.Fields), el, m.TotalAlloc>>20, m.Sys>>20)
	checkInvariants(t, s)
}
