package schema

import (
	"bufio"

	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/internal/textin"
)

// UTF-16 input (Windows "Unicode" exports) is decoded to UTF-8 before any
// loader sees it, so every loader reads the same text and reports the same
// positions: Load and Parse call textOf / textReaderOf once, before the
// format is picked. The decoder is mapping/internal/textin's, the one the
// data readers of seam run and check use too. A file must start with a
// byte-order mark to be read as UTF-16; UTF-16 without one is an error
// that says so, not "binary data" or a syntax error at column 2.

func textError(file string, err error) error {
	return diag.Errorf(diag.Pos{File: file}, "%v", err)
}

// textOf returns data as UTF-8 (textin.Bytes), errors naming file.
func textOf(file string, data []byte) ([]byte, error) {
	out, err := textin.Bytes(data)
	if err != nil {
		return nil, textError(file, err)
	}
	return out, nil
}

// textReaderOf is textOf for a stream (textin.Reader).
func textReaderOf(file string, br *bufio.Reader) (*bufio.Reader, error) {
	out, err := textin.Reader(br, 64<<10)
	if err != nil {
		return nil, textError(file, err)
	}
	return out, nil
}
