package main

import (
	"os"
	"sync"
)

// tempFiles are the temporary files of the outputs a command has opened
// and not yet committed or dropped. Creating, renaming into place and
// removing one hold the lock, so that a second signal (notifyContext)
// sees each output either still temporary, and removes it, or committed.
// A nil *tempFiles (tests that call run directly) does the plain file
// operations.
type tempFiles struct {
	mu    sync.Mutex
	paths map[string]bool
	// dir is the process's own temporary folder (useOwnTempDir), or "".
	dir string
	// holdPartial, when set (tests only), is called before an
	// interrupted command's output is committed: the place where a
	// second signal must still clean up.
	holdPartial func()
}

// create makes a temporary file in dir (os.CreateTemp's pattern) and
// records it.
func (t *tempFiles) create(dir, pattern string) (*os.File, error) {
	if t == nil {
		return os.CreateTemp(dir, pattern)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	if t.paths == nil {
		t.paths = map[string]bool{}
	}
	t.paths[f.Name()] = true
	return f, nil
}

// rename moves the temporary file tmp to path and forgets it.
func (t *tempFiles) rename(tmp, path string) error {
	if t == nil {
		return os.Rename(tmp, path)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	err := os.Rename(tmp, path)
	if err == nil {
		delete(t.paths, tmp)
	}
	return err
}

// remove deletes the temporary file tmp and forgets it.
func (t *tempFiles) remove(tmp string) {
	if t == nil {
		os.Remove(tmp)
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	os.Remove(tmp)
	delete(t.paths, tmp)
}

// useOwnTempDir makes a new folder the process's temporary folder
// (TMPDIR), for the files libraries keep there (excelize keeps the rows of
// a large sheet in temporary files until the workbook is written), so that
// removeAll and removeDir remove what they leave. Without a folder (the
// system's cannot be written), nothing changes.
func (t *tempFiles) useOwnTempDir() {
	dir, err := os.MkdirTemp("", "seam-")
	if err != nil {
		return
	}
	if err := os.Setenv("TMPDIR", dir); err != nil {
		os.Remove(dir)
		return
	}
	t.mu.Lock()
	t.dir = dir
	t.mu.Unlock()
}

// removeDir removes the process's own temporary folder, at the end.
func (t *tempFiles) removeDir() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.dir != "" {
		os.RemoveAll(t.dir)
		t.dir = ""
	}
}

// removeAll deletes every recorded temporary file and the files in the
// process's temporary folder, and returns how many there were. It keeps
// the lock: the process is about to exit, and no output may be created
// or committed after it.
func (t *tempFiles) removeAll() int {
	t.mu.Lock()
	n := 0
	for p := range t.paths {
		if os.Remove(p) == nil {
			n++
		}
	}
	if t.dir != "" {
		if es, err := os.ReadDir(t.dir); err == nil {
			n += len(es)
		}
		os.RemoveAll(t.dir)
	}
	return n
}

// beforePartialCommit runs the test hook, if any.
func (t *tempFiles) beforePartialCommit() {
	if t != nil && t.holdPartial != nil {
		t.holdPartial()
	}
}
