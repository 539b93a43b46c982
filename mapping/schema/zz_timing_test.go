package schema

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestZZTiming(t *testing.T) {
	dir := os.Getenv("CORPUS")
	if dir == "" {
		t.Skip()
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		s := strings.TrimPrefix(string(b), "go test fuzz v1\n[]byte(")
		s = strings.TrimSuffix(strings.TrimSpace(s), ")")
		data, err := strconv.Unquote(s)
		if err != nil {
			continue
		}
		start := time.Now()
		_, perr := Parse(os.Getenv("NAME"), []byte(data), Options{Format: os.Getenv("FMT"), ReadFile: noDisk, SampleRows: 200})
		if d := time.Since(start); d > 50*time.Millisecond {
			fmt.Printf("%s %v len=%d err=%.100v\n%.300q\n", filepath.Base(f), d, len(data), perr, data)
		}
	}
}
