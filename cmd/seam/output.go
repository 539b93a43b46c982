package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/seamhq/seam/mapping"
)

// outFile is an output that never destroys work: a regular file is written
// to a temporary name beside it and renamed into place by Commit; Abort
// removes the temporary file and leaves any previous file untouched.
// Stdout and special files (/dev/null, a pipe) are written directly.
type outFile struct {
	io.Writer
	path  string
	tmp   *os.File   // nil when writing directly
	f     *os.File   // the file written directly, when not stdout
	temps *tempFiles // where tmp is recorded until it is committed or dropped
	done  bool
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
	tmp, err := e.temps.create(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return nil, fmt.Errorf("%s: cannot write: %w", path, unwrapPath(err))
	}
	return &outFile{Writer: tmp, path: path, tmp: tmp, temps: e.temps}, nil
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
	if keepPrevious {
		o.temps.beforePartialCommit()
	}
	// fail drops the temporary file; the message names the user's path.
	fail := func(what string, err error) error {
		o.temps.remove(o.tmp.Name())
		return fmt.Errorf("%s: %s%w", o.path, what, unwrapPath(err))
	}
	mode := fs.FileMode(0o644)
	if st, err := os.Stat(o.path); err == nil {
		mode = st.Mode().Perm()
	}
	if err := o.tmp.Chmod(mode); err != nil {
		o.tmp.Close()
		return fail("", err)
	}
	if err := o.tmp.Close(); err != nil {
		return fail("", err)
	}
	if keepPrevious {
		if err := keepBackup(o.path); err != nil {
			return fail("cannot keep the previous version as "+o.path+"~: ", err)
		}
	}
	if err := o.temps.rename(o.tmp.Name(), o.path); err != nil {
		return fail("cannot replace: ", err)
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
		o.temps.remove(o.tmp.Name())
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

// outputs are a command's output files written through buffers: opened
// one by one, then flushed and committed together, or all dropped.
type outputs struct {
	e     *env
	files []*outFile
	bufs  []*bufio.Writer
}

// open opens path ("" or "-" is stdout) behind a buffer of size bytes;
// when it cannot, every output opened before is dropped.
func (w *outputs) open(path string, size int) (*bufio.Writer, error) {
	f, err := openOutput(w.e, path)
	if err != nil {
		w.abort()
		return nil, usageErr(err)
	}
	b := bufio.NewWriterSize(f, size)
	w.files = append(w.files, f)
	w.bufs = append(w.bufs, b)
	return b, nil
}

// flush writes out every buffer and returns the first error.
func (w *outputs) flush() error {
	var first error
	for _, b := range w.bufs {
		if err := b.Flush(); first == nil {
			first = err
		}
	}
	return first
}

// commit puts every output in place, in the order they were opened
// (partial: a file replaced is kept as FILE~). When one fails, those
// not yet committed are dropped.
func (w *outputs) commit(partial bool) error {
	for _, f := range w.files {
		var err error
		if partial {
			err = f.CommitPartial()
		} else {
			err = f.Commit()
		}
		if err != nil {
			w.abort()
			return usageErr(err)
		}
	}
	return nil
}

// abort drops every output not yet committed, keeping previous files.
func (w *outputs) abort() {
	for _, f := range w.files {
		f.Abort()
	}
}

// writeMapping writes m to path ("" or "-": to stdout) the way every
// mapping is saved: a temporary file renamed into place, the previous
// version kept as FILE~, comments and key order kept.
func writeMapping(e *env, m *mapping.Mapping, path string) error {
	if path != "" && path != "-" {
		return usageErr(m.Save(path))
	}
	b, err := m.Marshal()
	if err != nil {
		return err
	}
	_, err = e.stdout.Write(b)
	return err
}
