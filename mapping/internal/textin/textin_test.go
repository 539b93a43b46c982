package textin

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"testing"
)

func TestSniffDelimiter(t *testing.T) {
	for in, want := range map[string]byte{"a,b,c\n": ',', "a;b;c\n": ';', "a\tb\n": '\t', "a|b|c\n": '|', `"a;b",c` + "\n": ',', "x\n": ',', "a;b,c\n": ','} {
		if got := SniffDelimiter([]byte(in)); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

func utf16le(s string) []byte {
	b := []byte{0xFF, 0xFE}
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

func TestDecode(t *testing.T) {
	for _, c := range []struct {
		in   []byte
		want string
		err  error
	}{
		{[]byte("a;b\n1;2\n"), "a;b\n1;2\n", nil},
		{utf16le("a;b\n1;ä\n"), "a;b\n1;ä\n", nil},
		{[]byte{0xFE, 0xFF, 0, 'a', 0, '\n'}, "a\n", nil},
		{utf16le("a,b\n1,2\n")[2:], "", ErrBOMless},
	} {
		got, err := Bytes(c.in)
		if !errors.Is(err, c.err) || string(got) != c.want {
			t.Errorf("Bytes(% x) = %q, %v; want %q, %v", c.in, got, err, c.want, c.err)
		}
		br, err := Reader(bufio.NewReader(bytes.NewReader(c.in)), 4096)
		if !errors.Is(err, c.err) {
			t.Errorf("Reader(% x): %v, want %v", c.in, err, c.err)
			continue
		}
		if err == nil {
			all, _ := io.ReadAll(br)
			if string(all) != c.want {
				t.Errorf("Reader(% x) read %q, want %q", c.in, all, c.want)
			}
		}
	}
}
