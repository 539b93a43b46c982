package schema

import (
	"bufio"
	"bytes"
	"io"

	"github.com/seamhq/seam/mapping/diag"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// UTF-16 input (Windows "Unicode" exports) is decoded to UTF-8 before any
// loader sees it, so every loader reads the same text and reports the same
// positions: Load and Parse call textOf / textReaderOf once, before the
// format is picked. A file must start with a byte-order mark to be read
// as UTF-16; UTF-16 without one is an error that says so, not "binary
// data" or a syntax error at column 2.

// utf16Order tells a UTF-16 byte-order mark: unicode.LittleEndian or
// BigEndian, ok false when there is none.
func utf16Order(head []byte) (unicode.Endianness, bool) {
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}) && !bytes.HasPrefix(head, []byte{0xFF, 0xFE, 0, 0}):
		return unicode.LittleEndian, true
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return unicode.BigEndian, true
	}
	return unicode.BigEndian, false
}

// bomlessUTF16 reports text that looks like UTF-16 without a byte-order
// mark: in the first bytes, every other byte is NUL and the rest is not.
func bomlessUTF16(head []byte) bool {
	if len(head) > 512 {
		head = head[:512]
	}
	if len(head) < 8 {
		return false
	}
	for _, off := range []int{0, 1} {
		zero, other := 0, 0
		for i := 0; i+1 < len(head); i += 2 {
			if head[i+off] == 0 {
				zero++
			}
			if head[i+1-off] == 0 {
				other++
			}
		}
		pairs := len(head) / 2
		if zero*10 >= pairs*9 && other == 0 {
			return true
		}
	}
	return false
}

func utf16Decoder(order unicode.Endianness) transform.Transformer {
	return unicode.UTF16(order, unicode.ExpectBOM).NewDecoder()
}

func errBOMless(file string) error {
	return diag.Errorf(diag.Pos{File: file}, "UTF-16 text without a byte-order mark; expected UTF-8, or UTF-16 that starts with a byte-order mark")
}

// textOf returns data as UTF-8: UTF-16 with a byte-order mark decoded
// (unpaired surrogates become U+FFFD), anything else unchanged.
func textOf(file string, data []byte) ([]byte, error) {
	order, ok := utf16Order(data)
	if !ok {
		if bomlessUTF16(data) {
			return nil, errBOMless(file)
		}
		return data, nil
	}
	out, _, err := transform.Bytes(utf16Decoder(order), data)
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: file}, "cannot decode UTF-16: %v", err)
	}
	return out, nil
}

// textReaderOf is textOf for a stream: it peeks at the start of br and
// returns a reader of UTF-8 text.
func textReaderOf(file string, br *bufio.Reader) (*bufio.Reader, error) {
	head, _ := br.Peek(512)
	order, ok := utf16Order(head)
	if !ok {
		if bomlessUTF16(head) {
			return nil, errBOMless(file)
		}
		return br, nil
	}
	return bufio.NewReaderSize(transform.NewReader(io.Reader(br), utf16Decoder(order)), 64<<10), nil
}
