// Package guard keeps seam safe with untrusted input: it confines the files
// that one file refers to (a mapping's schemas and lookup tables, a JSON
// Schema's or OpenAPI document's $ref to another file) to a set of root
// folders, refuses files that are not regular files, bounds how many bytes
// a whole-file read takes, and pre-scans YAML and JSON for nesting depth and
// aliases before a parser sees them.
//
// The rule (documented for users in mapping/FORMAT.md and the README):
//
//   - A path written inside a file is relative to that file's folder.
//     Absolute paths are refused.
//   - After resolution the path must lie inside one of the roots: the folder
//     of the file the user named (the mapping, or the schema given on the
//     command line), the working directory, or a folder given with
//     --allow-path. The check is made by opening through os.Root, so a
//     symlink that leads out of every root is refused too.
//   - Only regular files are read: devices, FIFOs, sockets and folders are
//     refused before a byte is read.
//
// Errors name the file as written and the reason; they never quote content.
package guard

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// MaxDocBytes bounds whole-file reads: schema documents (JSON Schema,
// OpenAPI, DDL, Avro, seam YAML, dbt), mapping files and $ref'd files.
const MaxDocBytes = 64 << 20

// ErrOutside is wrapped by errors for paths that leave every root.
var ErrOutside = errors.New("outside the allowed folders")

// Roots is a set of folders that referenced files may be read from.
type Roots struct {
	dirs []string // absolute, cleaned
}

// NewRoots returns the roots dirs plus the working directory. Empty
// entries are skipped; relative ones are made absolute.
func NewRoots(dirs ...string) *Roots {
	r := &Roots{}
	if wd, err := os.Getwd(); err == nil {
		r.add(wd)
	}
	for _, d := range dirs {
		if d == "" {
			continue
		}
		if a, err := filepath.Abs(d); err == nil {
			r.add(a)
		}
	}
	return r
}

func (r *Roots) add(d string) {
	d = filepath.Clean(d)
	for _, x := range r.dirs {
		if x == d {
			return
		}
	}
	r.dirs = append(r.dirs, d)
}

// Dirs lists the roots (absolute).
func (r *Roots) Dirs() []string { return append([]string(nil), r.dirs...) }

// Resolve joins ref, a path written inside the file from (relative to the
// working directory), with from's folder. An absolute ref is an error.
func Resolve(from, ref string) (string, error) {
	p := filepath.FromSlash(ref)
	if filepath.IsAbs(p) || filepath.IsAbs(ref) || filepath.VolumeName(p) != "" {
		return "", fmt.Errorf("%q is an absolute path; a file named inside another file must be given relative to it", ref)
	}
	if from == "" {
		return filepath.Clean(p), nil
	}
	return filepath.Join(filepath.Dir(from), p), nil
}

// Open opens path (relative to the working directory, or absolute as
// produced by Resolve) when it lies inside a root and is a regular file.
// The error names path (as given) and why it was refused.
func (r *Roots) Open(path string) (*os.File, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, pathError(path, err)
	}
	f, _, err := r.openAt(path, abs)
	if err != nil && isEscape(err) {
		// A symlink out of the root it sits in may lead into another root.
		if real, rerr := filepath.EvalSymlinks(abs); rerr == nil && real != abs {
			if f2, inside2, err2 := r.openAt(path, real); inside2 && err2 == nil {
				return f2, nil
			}
		}
	}
	if err == nil {
		return f, nil
	}
	if errors.Is(err, ErrOutside) || isEscape(err) {
		reason := fmt.Sprintf("%v (%s); add the folder with --allow-path to read it", ErrOutside, r.describe())
		return nil, &FileError{path, reason, ErrOutside}
	}
	return nil, pathError(path, err)
}

// openAt opens abs through the first root that lexically holds it (then
// through the next, when a symlink leads out of the first).
func (r *Roots) openAt(path, abs string) (f *os.File, inside bool, err error) {
	for _, d := range r.dirs {
		rel, rerr := filepath.Rel(d, abs)
		if rerr != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		inside = true
		f, err = openIn(d, rel)
		if err == nil {
			if err := checkRegular(path, f); err != nil {
				f.Close()
				return nil, true, err
			}
			return f, true, nil
		}
		if !isEscape(err) {
			return nil, true, err
		}
	}
	if !inside {
		err = ErrOutside
	}
	return nil, inside, err
}

func (r *Roots) describe() string {
	if len(r.dirs) == 0 {
		return "none"
	}
	return strings.Join(r.dirs, ", ")
}

func openIn(dir, rel string) (*os.File, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	// Stat first: opening a FIFO would block until a writer comes.
	st, err := root.Stat(rel)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, notRegular(st)
	}
	return root.Open(rel)
}

// isEscape reports os.Root's refusal of a path (or symlink) that leaves it.
func isEscape(err error) bool {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return err != nil && strings.Contains(err.Error(), "escapes from parent")
}

type notRegularError struct{ what string }

func (e *notRegularError) Error() string {
	return "is " + e.what + ", not a regular file; expected a file"
}

func notRegular(st fs.FileInfo) error {
	m := st.Mode()
	what := "a special file"
	switch {
	case m.IsDir():
		what = "a directory"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&fs.ModeDevice != 0:
		what = "a device"
	}
	return &notRegularError{what}
}

func checkRegular(path string, f *os.File) error {
	st, err := f.Stat()
	if err != nil {
		return pathError(path, err)
	}
	if !st.Mode().IsRegular() {
		return pathError(path, notRegular(st))
	}
	return nil
}

// FileError is a file that could not be opened or read: Path as given and
// Reason ("no such file", "is a device, not a regular file; ...").
type FileError struct {
	Path   string
	Reason string
	Err    error
}

func (e *FileError) Error() string { return e.Path + ": " + e.Reason }

// Unwrap returns the cause (fs.ErrNotExist, ErrOutside, ...).
func (e *FileError) Unwrap() error { return e.Err }

// PathError says why path could not be opened or read, without the os
// package's repetition of the path.
func PathError(path string, err error) error { return pathError(path, err) }

func pathError(path string, err error) error {
	var fe *FileError
	if errors.As(err, &fe) {
		return err
	}
	var nr *notRegularError
	if errors.As(err, &nr) {
		return &FileError{path, nr.Error(), err}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if errors.Is(err, fs.ErrNotExist) {
		return &FileError{path, "no such file", fs.ErrNotExist}
	}
	return &FileError{path, "cannot read: " + err.Error(), err}
}

// StatRegular checks that path, a file the user named, is a regular
// file, without opening it (opening a FIFO blocks).
func StatRegular(path string) (fs.FileInfo, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, pathError(path, err)
	}
	if !st.Mode().IsRegular() {
		return nil, pathError(path, notRegular(st))
	}
	return st, nil
}

// OpenUser opens a file the user named (on the command line or in the
// UI): any location is allowed, but it must be a regular file.
func OpenUser(path string) (*os.File, error) {
	if _, err := StatRegular(path); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, pathError(path, err)
	}
	if err := checkRegular(path, f); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// OpenData opens a data file the user named for a streamed read (seam run
// --input, check --input, suggest --sample-source, the TUI's data preview):
// a regular file or a pipe (a FIFO, a shell's process substitution,
// /dev/stdin on a pipe), whose records the readers bound one by one.
// Devices (/dev/zero, a terminal), directories and sockets are refused
// before a byte is read: they never end, or are not data.
func OpenData(path string) (*os.File, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, pathError(path, err)
	}
	if !dataMode(st.Mode()) {
		return nil, pathError(path, notRegular(st))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, pathError(path, err)
	}
	if st, err = f.Stat(); err != nil || !dataMode(st.Mode()) {
		f.Close()
		if err != nil {
			return nil, pathError(path, err)
		}
		return nil, pathError(path, notRegular(st))
	}
	return f, nil
}

func dataMode(m fs.FileMode) bool { return m.IsRegular() || m&fs.ModeNamedPipe != 0 }

// ReadAll reads r to the end, at most limit bytes; more is an error naming
// name, what was read so far and the limit. It never trusts a stat size
// (files under /proc report 0).
func ReadAll(r io.Reader, name string, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, pathError(name, err)
	}
	if int64(len(data)) > limit {
		return nil, &TooLargeError{Name: name, Limit: limit}
	}
	return data, nil
}

// TooLargeError is a file over a read bound.
type TooLargeError struct {
	Name  string
	Size  int64 // 0 when unknown (only "more than Limit" is known)
	Limit int64
}

func (e *TooLargeError) Error() string {
	if e.Size > 0 {
		return fmt.Sprintf("%s: file is %s; at most %s can be read", e.Name, Bytes(e.Size), Bytes(e.Limit))
	}
	return fmt.Sprintf("%s: file is larger than %s, the most that can be read", e.Name, Bytes(e.Limit))
}

// ReadUserFile reads a file the user named, bounded by limit.
func ReadUserFile(path string, limit int64) ([]byte, error) {
	f, err := OpenUser(path)
	return readOpened(f, err, path, limit)
}

// ReadFile reads path through the roots, bounded by limit.
func (r *Roots) ReadFile(path string, limit int64) ([]byte, error) {
	f, err := r.Open(path)
	return readOpened(f, err, path, limit)
}

// readOpened reads a file just opened (unless err says it was not),
// bounded by limit, and closes it.
func readOpened(f *os.File, err error, path string, limit int64) ([]byte, error) {
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > limit {
		return nil, &TooLargeError{Name: path, Size: st.Size(), Limit: limit}
	}
	return ReadAll(f, path, limit)
}

// Bytes formats n as "64 MiB" or "1,234 bytes".
func Bytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Check reports whether ref, a path written inside the file from, would be
// allowed by r, without reading it: an absolute ref, a path outside every
// root, or an existing file whose symlinks lead outside them is an error
// naming ref. A file that does not exist yet passes (reading it later says
// so). Importers use it for the references they copy into a mapping.
func (r *Roots) Check(from, ref string) error {
	p, err := Resolve(from, ref)
	if err != nil {
		return err
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return pathError(ref, err)
	}
	paths := []string{abs}
	if real, err := filepath.EvalSymlinks(abs); err == nil && real != abs {
		paths = []string{real}
	}
	for _, a := range paths {
		for _, d := range r.dirs {
			if rel, err := filepath.Rel(d, a); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				return nil
			}
		}
	}
	reason := fmt.Sprintf("%v (%s); add the folder with --allow-path to read it", ErrOutside, r.describe())
	return &FileError{ref, reason, ErrOutside}
}
