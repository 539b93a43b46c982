package value

import (
	"os"

	"github.com/seamhq/seam/mapping/internal/guard"
)

// Open opens a data file the user named (seam run --input, check --input,
// suggest --sample-source, the TUI's data preview) for NewReader: a regular
// file or a pipe (a FIFO, process substitution, /dev/stdin on a pipe).
// A device such as /dev/zero, a directory or a socket is refused at once
// with an error naming the path and what it is; a pipe's records are
// bounded one by one by the readers, as a file's are.
func Open(path string) (*os.File, error) { return guard.OpenData(path) }
