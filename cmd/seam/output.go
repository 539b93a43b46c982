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

// Write writes to the output; an error names the user's path, never the
// temporary file.
func (o *outFile) Write(p []byte) (int, error) {
	n, err := o.Writer.Write(p)
	if err != nil && o.path != "" && o.path != "-" {
		err = fmt.Errorf("%s: %w", o.path, unwrapPath(err))
	}
	return n, err
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
func (o *outFile) Commit() error { return o.commit(false) }

// CommitPartial is Commit for an output cut short by an interruption: a
// file it replaces is kept as FILE~ first, since the new one is partial.
func (o *outFile) CommitPartial() error { return o.commit(true) }

func (o *outFile) commit(keepPrevious bool) error {
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
	if keepPrevious {
		if err := keepBackup(o.path); err != nil {
			os.Remove(o.tmp.Name())
			return fmt.Errorf("%s: cannot keep the previous version as %s~: %w", o.path, o.path, unwrapPath(err))
		}
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

// keepBackup makes path's current content path~ (a hard link, or a
// rename where links are not possible); nothing to do when path does not
// exist.
func keepBackup(path string) error {
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	bak := path + "~"
	if err := os.Remove(bak); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.Link(path, bak); err == nil {
		return nil
	}
	return os.Rename(path, bak)
}

// writeOut runs fn against the output: committed when fn succeeds, dropped
// (keeping any previous file) when it fails.
func writeOut(e *env, out string, fn func(w io.Writer) error) error {
	return writeReport(e, out, false, fn)
}

// writeReport is writeOut for reports (check, diff): when fn or the
// commit fails (a full disk), the previous file under the name is kept
// and the message says so. partial marks a report of an interrupted
// command: a file it replaces is kept as FILE~.
func writeReport(e *env, out string, partial bool, fn func(w io.Writer) error) error {
	o, err := openOutput(e, out)
	if err != nil {
		return usageErr(err)
	}
	kept := func(err error) error {
		if out != "" && out != "-" {
			err = fmt.Errorf("%w (%s was not written; any previous file is kept)", err, out)
		}
		return usageErr(err)
	}
	if err := fn(o); err != nil {
		o.Abort()
		return kept(err)
	}
	if partial {
		err = o.CommitPartial()
	} else {
		err = o.Commit()
	}
	if err != nil {
		return kept(err)
	}
	return nil
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

// distinctFiles refuses outputs that name the same file as another output
// or as an input (also through a symlink, a hard link, "./x" against "x"):
// writing one would destroy the other. Standard streams ("" and "-") and
// special files such as /dev/null are not checked.
func distinctFiles(inputs, outputs []flagPath) error {
	type seen struct{ flag, path string }
	var files []seen
	var infos []os.FileInfo
	add := func(flag, path string, isOut bool) error {
		if path == "" || path == "-" {
			return nil
		}
		canon := canonical(path)
		st, statErr := os.Stat(path)
		if statErr == nil && !st.Mode().IsRegular() {
			return nil
		}
		for i, f := range files {
			same := canonical(f.path) == canon
			if !same && statErr == nil && infos[i] != nil {
				same = os.SameFile(infos[i], st)
			}
			if same && isOut {
				return usagef("%s %s and %s %s name the same file; writing one would destroy the other", f.flag, f.path, flag, path)
			}
		}
		files = append(files, seen{flag, path})
		if statErr == nil {
			infos = append(infos, st)
		} else {
			infos = append(infos, nil)
		}
		return nil
	}
	for _, in := range inputs {
		if err := add(in[0], in[1], false); err != nil {
			return err
		}
	}
	for _, out := range outputs {
		if err := add(out[0], out[1], true); err != nil {
			return err
		}
	}
	return nil
}

// flagPath is a flag (or argument name) and the path it was given.
type flagPath [2]string

// canonical is path made absolute with every symlink in it resolved (the
// existing part of it, for a file not yet written).
func canonical(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	if d, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(d, filepath.Base(abs))
	}
	return abs
}
