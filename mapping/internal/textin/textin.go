// Package textin is the one place where seam decides how input text is
// encoded and how a delimited file is split: the schema loaders (samples,
// every text schema format) and the data readers of seam run and check
// (mapping/value) call the same functions, so a file seam can load as a
// schema it can also read as data, and the other way round.
//
// Encoding: UTF-8, with or without a UTF-8 byte-order mark; UTF-16 that
// starts with a byte-order mark (Windows "Unicode" exports) is decoded to
// UTF-8 (unpaired surrogates become U+FFFD). UTF-16 without a byte-order
// mark is refused with ErrBOMless rather than read as binary data.
//
// Delimiters: a CSV file's separator is the one of , tab ; | that splits
// its first line (outside quotes) into the most fields; a tie or none
// keeps ','.
package textin

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// ErrBOMless is the error for UTF-16 text without a byte-order mark.
var ErrBOMless = errors.New("UTF-16 text without a byte-order mark; expected UTF-8, or UTF-16 that starts with a byte-order mark")

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

// IsUTF16 reports text starting with a UTF-16 byte-order mark.
func IsUTF16(head []byte) bool {
	_, ok := utf16Order(head)
	return ok
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

func decoder(order unicode.Endianness) transform.Transformer {
	return unicode.UTF16(order, unicode.ExpectBOM).NewDecoder()
}

// Bytes returns data as UTF-8: UTF-16 with a byte-order mark decoded,
// anything else unchanged; ErrBOMless for UTF-16 without one.
func Bytes(data []byte) ([]byte, error) {
	order, ok := utf16Order(data)
	if !ok {
		if bomlessUTF16(data) {
			return nil, ErrBOMless
		}
		return data, nil
	}
	out, _, err := transform.Bytes(decoder(order), data)
	if err != nil {
		return nil, fmt.Errorf("cannot decode UTF-16: %w", err)
	}
	return out, nil
}

// Reader is Bytes for a stream: it peeks at the start of br and returns a
// reader of UTF-8 text, br itself when no decoding is needed, else a new
// reader with a buffer of size bytes over the decoded text.
func Reader(br *bufio.Reader, size int) (*bufio.Reader, error) {
	head, _ := br.Peek(512)
	order, ok := utf16Order(head)
	if !ok {
		if bomlessUTF16(head) {
			return nil, ErrBOMless
		}
		return br, nil
	}
	return bufio.NewReaderSize(transform.NewReader(io.Reader(br), decoder(order)), size), nil
}

// SniffDelimiter picks the separator that splits the first line of head
// into the most fields, counting outside quotes: comma, tab, semicolon or
// pipe; ',' when none or on a tie with it.
func SniffDelimiter(head []byte) byte {
	counts := map[byte]int{}
	inQ := false
	for _, c := range head {
		if c == '"' {
			inQ = !inQ
			continue
		}
		if inQ {
			continue
		}
		if c == '\n' {
			break
		}
		switch c {
		case ',', '\t', ';', '|':
			counts[c]++
		}
	}
	best, n := byte(','), 0
	for _, c := range []byte{',', '\t', ';', '|'} {
		if counts[c] > n {
			best, n = c, counts[c]
		}
	}
	return best
}

// AllDigits reports whether s is one or more ASCII digits: the test the
// type inference and the suggester's profiles apply to a sample value.
func AllDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
