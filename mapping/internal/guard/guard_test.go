package guard

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestRootsOpen(t *testing.T) {
	base := t.TempDir()
	proj := filepath.Join(base, "proj")
	secret := filepath.Join(base, "secret")
	for _, d := range []string{proj, secret, filepath.Join(proj, "sub")} {
		os.MkdirAll(d, 0o755)
	}
	os.WriteFile(filepath.Join(proj, "a.json"), []byte("{}"), 0o644)
	os.WriteFile(filepath.Join(secret, "s.json"), []byte("TOPSECRET"), 0o644)
	os.Symlink(filepath.Join(secret, "s.json"), filepath.Join(proj, "out.json"))
	os.Symlink("a.json", filepath.Join(proj, "in.json"))
	os.Symlink("/dev/zero", filepath.Join(proj, "zero.json"))
	fifo := filepath.Join(proj, "fifo.json")
	haveFifo := syscall.Mkfifo(fifo, 0o600) == nil
	roots := &Roots{}
	roots.add(proj)
	cases := []struct {
		ref  string
		want string // "" = opens
	}{
		{"a.json", ""},
		{"sub/../a.json", ""},
		{"in.json", ""},
		{"../secret/s.json", "outside the allowed folders"},
		{"out.json", "outside the allowed folders"},
		{"zero.json", "outside the allowed folders"},
		{"sub", "is a directory, not a regular file"},
		{"nope.json", "no such file"},
		{"/etc/passwd", "is an absolute path"},
	}
	if haveFifo {
		cases = append(cases, struct{ ref, want string }{"fifo.json", "is a named pipe (FIFO), not a regular file"})
	}
	from := filepath.Join(proj, "m.seam.yaml")
	for _, c := range cases {
		p, err := Resolve(from, c.ref)
		var f *os.File
		if err == nil {
			f, err = roots.Open(p)
		}
		if f != nil {
			f.Close()
		}
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.ref, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: err %v, want %q", c.ref, err, c.want)
		case err != nil && strings.Contains(err.Error(), "TOPSECRET"):
			t.Errorf("%s: error quotes the file: %v", c.ref, err)
		}
	}
	// A second root that holds the secret folder lets it in.
	roots.add(secret)
	if f, err := roots.Open(filepath.Join(proj, "out.json")); err != nil {
		t.Errorf("out.json with the secret folder allowed: %v", err)
	} else {
		f.Close()
	}
	if _, err := roots.Open(filepath.Join(proj, "zero.json")); !errors.Is(err, ErrOutside) {
		t.Errorf("zero.json: %v", err)
	}
}

func TestReadBounds(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	os.WriteFile(p, []byte("0123456789"), 0o644)
	if _, err := ReadUserFile(p, 9); err == nil || !strings.Contains(err.Error(), "file is 10 bytes; at most 9 bytes can be read") {
		t.Errorf("stat bound: %v", err)
	}
	if _, err := ReadAll(strings.NewReader("0123456789"), "r", 9); err == nil || !strings.Contains(err.Error(), "r: file is larger than 9 bytes") {
		t.Errorf("stream bound: %v", err)
	}
	if b, err := ReadUserFile(p, 10); err != nil || string(b) != "0123456789" {
		t.Errorf("at the bound: %q %v", b, err)
	}
}
