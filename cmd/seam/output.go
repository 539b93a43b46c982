package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// outFile is an output that never destroys work: a regular file is written
// to a temporary name beside it and renamed into place by Commit; Abort
// removes the temporary file and leaves any previous file untouched.
// Stdout and special files (/dev/null, a pipe) are written directly.
type outFile struct {
	io.Writer
	path string
	tmp  *os.File // nil when writing directly
	f    *os.File // the file written directly, when not stdout
	done bool
}

// openOutput prepares path for writing; "" or "-" is stdout. Errors name
// the path the user gave, never the temporary name.
func openOutput(e *env, path string) (*outFile, error) {
	if path == "" || path == "-" {
		return &outFile{Writer: e.stdout, path: path}, nil
	}
	if st, err := os.Stat(path); err == nil {
		if st.IsDir() {
			return nil, fmt.Errorf("%s: is a directory; -o needs a file name", path)
		}
		if !st.Mode().IsRegular() {
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				return nil, fmt.Errorf("%s: cannot write: %w", path, unwrapPath(err))
			}
			return &outFile{Writer: f, path: path, f: f}, nil
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return nil, fmt.Errorf("%s: cannot write: %w", path, unwrapPath(err))
	}
	return &outFile{Writer: tmp, path: path, tmp: tmp}, nil
}

// Commit closes the output and, for a regular file, renames it into place,
// keeping the file's previous mode (0644 for a new file).
func (o *outFile) Commit() error {
	if o.done {
		return nil
	}
	o.done = true
	switch {
	case o.f != nil:
		return o.f.Close()
	case o.tmp == nil:
		return nil
	}
	mode := fs.FileMode(0o644)
	if st, err := os.Stat(o.path); err == nil {
		mode = st.Mode().Perm()
	}
	if err := o.tmp.Chmod(mode); err != nil {
		o.tmp.Close()
		os.Remove(o.tmp.Name())
		return fmt.Errorf("%s: %w", o.path, unwrapPath(err))
	}
	if err := o.tmp.Close(); err != nil {
		os.Remove(o.tmp.Name())
		return fmt.Errorf("%s: %w", o.path, unwrapPath(err))
	}
	if err := os.Rename(o.tmp.Name(), o.path); err != nil {
		os.Remove(o.tmp.Name())
		return fmt.Errorf("%s: cannot replace: %w", o.path, unwrapPath(err))
	}
	return nil
}

// Abort drops what was written; a previous file under the name is kept.
func (o *outFile) Abort() {
	if o.done {
		return
	}
	o.done = true
	if o.f != nil {
		o.f.Close()
	}
	if o.tmp != nil {
		o.tmp.Close()
		os.Remove(o.tmp.Name())
	}
}

// createOutput is openOutput for callers that always keep what they wrote:
// the returned function commits.
func createOutput(e *env, path string) (io.Writer, func() error, error) {
	o, err := openOutput(e, path)
	if err != nil {
		return nil, nil, err
	}
	return o, o.Commit, nil
}

// writeOut runs fn against the output: committed when fn succeeds, dropped
// (keeping any previous file) when it fails.
func writeOut(e *env, out string, fn func(w io.Writer) error) error {
	o, err := openOutput(e, out)
	if err != nil {
		return usageErr(err)
	}
	if err := fn(o); err != nil {
		o.Abort()
		return err
	}
	return o.Commit()
}

// unwrapPath drops the *PathError wrapper so a message names the user's
// path, not a temporary one.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
