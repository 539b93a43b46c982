package value

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// endless reads head, then the byte b for ever: a pipe from /dev/zero or
// `yes | tr -d '\n'`.
type endless struct {
	head string
	b    byte
}

func (e *endless) Read(p []byte) (int, error) {
	n := copy(p, e.head)
	e.head = e.head[n:]
	for i := n; i < len(p); i++ {
		p[i] = e.b
	}
	return len(p), nil
}

// TestEndlessInputIsBounded: a record that never ends is an error naming
// the file and line once it passes MaxRecordBytes (it grew until the
// memory limit killed seam), and whole-file formats stop at MaxArrayBytes.
func TestEndlessInputIsBounded(t *testing.T) {
	cases := []struct {
		format, head string
		fill         byte
		want         string
	}{
		{FormatCSV, "id\n", 'x', "in:2: a record longer than 16 MiB"},
		{FormatTSV, "", 'x', "in:1: a record longer than 16 MiB"},
		{FormatCSV, "id\n\"", '\n', "in:2: a record longer than 16 MiB"}, // quoted field never closed
		{FormatJSONL, `{"id": "`, 'x', "in:1: a record longer than 16 MiB"},
		{FormatJSON, `[{"id": "`, 'x', "in: file is larger than 256 MiB"},
		{FormatXLSX, "PK", 'x', "in: file is larger than 256 MiB"},
	}
	for _, c := range cases {
		t.Run(c.format+" "+c.head, func(t *testing.T) {
			if testing.Short() && (c.format == FormatJSON || c.format == FormatXLSX) {
				t.Skip("reads 256 MiB")
			}
			rd, err := NewReader(&endless{head: c.head, b: c.fill}, "in", c.format)
			for err == nil {
				_, err = rd.Read()
			}
			if errors.Is(err, io.EOF) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want %q", err, c.want)
			}
		})
	}
}
