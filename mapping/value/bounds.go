package value

import (
	"bufio"
	"errors"
	"fmt"
	"io"

	"github.com/seamhq/seam/mapping/internal/guard"
)

// MaxRecordBytes bounds one record of a streamed data file: a CSV/TSV
// record (a quoted field may span lines) or a JSON Lines line. A longer
// one is an error naming the file and line, so that an endless input (a
// pipe from /dev/zero, a file without line ends) ends with a message
// instead of taking all memory. The schema loaders' samples use the same
// 16 MiB.
const MaxRecordBytes = 16 << 20

// MaxArrayBytes bounds a JSON array data file, which is parsed whole.
const MaxArrayBytes = guard.MaxWorkbookBytes

// errRecordTooLong is wrapped by the errors of records over MaxRecordBytes.
var errRecordTooLong = fmt.Errorf("a record longer than %s; expected records of at most that size (a file without line ends, or not a data file?)", guard.Bytes(MaxRecordBytes))

// readLongLine reads the next line of br including its '\n', joining
// buffer-sized pieces in *long; a line over MaxRecordBytes is
// errRecordTooLong (the rest of it is not read).
func readLongLine(br *bufio.Reader, long *[]byte) ([]byte, error) {
	line, err := br.ReadSlice('\n')
	if !errors.Is(err, bufio.ErrBufferFull) {
		return line, err
	}
	*long = append((*long)[:0], line...)
	for errors.Is(err, bufio.ErrBufferFull) {
		if len(*long) > MaxRecordBytes {
			return nil, errRecordTooLong
		}
		line, err = br.ReadSlice('\n')
		*long = append(*long, line...)
	}
	if len(*long) > MaxRecordBytes {
		return nil, errRecordTooLong
	}
	if errors.Is(err, io.EOF) && len(*long) > 0 {
		return *long, io.EOF
	}
	return *long, err
}
