// Package spill keeps the TUI's big row sets on disk instead of in
// memory: a generated or loaded dataset and what a run made of each row
// go to a temporary file, encoded compactly (codec.go), and the screens
// read back by index only the rows they show.
//
// The file is unlinked as soon as it is open (on systems that allow it),
// so it disappears when it is closed, when the process exits and even
// when the process is killed; nothing is left in the temporary folder.
package spill

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
)

// File is an append-only sequence of entries in a temporary file. One
// goroutine appends; once Finish is called any number may read (Get,
// Scan). Memory: 8 bytes per entry for its offset.
type File struct {
	mu     sync.Mutex
	f      *os.File
	name   string // set when the file could not be unlinked while open
	w      *bufio.Writer
	size   int64
	offs   []int64
	done   bool
	closed bool
	hdr    [binary.MaxVarintLen64]byte
}

// ErrClosed is returned by reads of a closed File.
var ErrClosed = errors.New("spill: file closed")

// Create makes a new temporary file in dir (os.TempDir when "").
func Create(dir string) (*File, error) {
	f, err := os.CreateTemp(dir, "seam-tui-*.rows")
	if err != nil {
		return nil, fmt.Errorf("spill: %w", err)
	}
	sf := &File{f: f, w: bufio.NewWriterSize(f, 1<<16)}
	if err := os.Remove(f.Name()); err != nil {
		// Windows cannot remove an open file: remove it on Close.
		sf.name = f.Name()
	}
	// A File nobody holds any more is closed (and its space freed) by
	// the garbage collector; Close does it at once.
	runtime.AddCleanup(sf, func(f *os.File) { f.Close() }, f)
	return sf, nil
}

// Append adds one entry.
func (s *File) Append(b []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	if s.done {
		return errors.New("spill: append after Finish")
	}
	s.offs = append(s.offs, s.size)
	n := binary.PutUvarint(s.hdr[:], uint64(len(b)))
	if _, err := s.w.Write(s.hdr[:n]); err != nil {
		return fmt.Errorf("spill: %w", err)
	}
	if _, err := s.w.Write(b); err != nil {
		return fmt.Errorf("spill: %w", err)
	}
	s.size += int64(n + len(b))
	return nil
}

// Finish flushes what was appended; afterwards the File is read only.
func (s *File) Finish() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	s.done = true
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("spill: %w", err)
	}
	return nil
}

// Len returns the number of entries.
func (s *File) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.offs)
}

// Size returns the bytes written.
func (s *File) Size() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.size
}

// Get reads entry i into buf (grown as needed) and returns it.
func (s *File) Get(i int, buf []byte) ([]byte, error) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil, ErrClosed
	}
	if i < 0 || i >= len(s.offs) {
		s.mu.Unlock()
		return nil, fmt.Errorf("spill: entry %d of %d", i, len(s.offs))
	}
	if !s.done {
		if err := s.w.Flush(); err != nil {
			s.mu.Unlock()
			return nil, fmt.Errorf("spill: %w", err)
		}
	}
	off, end := s.offs[i], s.size
	if i+1 < len(s.offs) {
		end = s.offs[i+1]
	}
	f := s.f
	s.mu.Unlock()
	n := int(end - off)
	if cap(buf) < n {
		buf = make([]byte, n)
	}
	buf = buf[:n]
	if _, err := f.ReadAt(buf, off); err != nil {
		return nil, fmt.Errorf("spill: entry %d: %w", i, err)
	}
	l, k := binary.Uvarint(buf)
	if k <= 0 || int(l) != n-k {
		return nil, fmt.Errorf("spill: entry %d: bad length", i)
	}
	return buf[k:], nil
}

// Scan returns a reader of the entries in order from the first; it is for
// one goroutine and needs Finish first.
func (s *File) Scan() (*Scanner, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, ErrClosed
	}
	if !s.done {
		return nil, errors.New("spill: scan before Finish")
	}
	return &Scanner{r: bufio.NewReaderSize(io.NewSectionReader(s.f, 0, s.size), 1<<16), n: len(s.offs)}, nil
}

// Close releases the file (its space is freed).
func (s *File) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	err := s.f.Close()
	if s.name != "" {
		if rerr := os.Remove(s.name); err == nil {
			err = rerr
		}
	}
	return err
}

// Scanner reads the entries of a File in order.
type Scanner struct {
	r   *bufio.Reader
	n   int
	i   int
	buf []byte
}

// Next returns the next entry (valid until the next call), io.EOF after
// the last.
func (sc *Scanner) Next() ([]byte, error) {
	if sc.i >= sc.n {
		return nil, io.EOF
	}
	l, err := binary.ReadUvarint(sc.r)
	if err != nil {
		return nil, fmt.Errorf("spill: entry %d: %w", sc.i, err)
	}
	if cap(sc.buf) < int(l) {
		sc.buf = make([]byte, l)
	}
	sc.buf = sc.buf[:l]
	if _, err := io.ReadFull(sc.r, sc.buf); err != nil {
		return nil, fmt.Errorf("spill: entry %d: %w", sc.i, err)
	}
	sc.i++
	return sc.buf, nil
}
