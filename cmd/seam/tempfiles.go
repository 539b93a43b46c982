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

// removeAll deletes every recorded temporary file and returns how many
// there were. It keeps the lock: the process is about to exit, and no
// output may be created or committed after it.
func (t *tempFiles) removeAll() int {
	t.mu.Lock()
	n := 0
	for p := range t.paths {
		if os.Remove(p) == nil {
			n++
		}
	}
	return n
}

// beforePartialCommit runs the test hook, if any.
func (t *tempFiles) beforePartialCommit() {
	if t != nil && t.holdPartial != nil {
		t.holdPartial()
	}
}
