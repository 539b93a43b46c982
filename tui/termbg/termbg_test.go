package termbg

import "testing"

func TestParseOSC11(t *testing.T) {
	for _, c := range []struct {
		in       string
		dark, ok bool
	}{
		{"\x1b]11;rgb:0000/0000/0000\x1b\\\x1b[24;1R", true, true},
		{"\x1b]11;rgb:ffff/ffff/ffff\a", false, true},
		{"\x1b]11;rgb:fd/f6/e3\x1b\\", false, true},
		{"\x1b]11;rgb:1e1e/1e1e/2e2e\x1b\\", true, true},
		{"\x1b[24;1R", false, false},
		{"\x1b]11;rgb:zz/00/00\a", false, false},
	} {
		dark, ok := parseOSC11(c.in)
		if dark != c.dark || ok != c.ok {
			t.Errorf("parseOSC11(%q) = %v, %v; want %v, %v", c.in, dark, ok, c.dark, c.ok)
		}
	}
}

func TestCOLORFGBG(t *testing.T) {
	for _, c := range []struct {
		in       string
		dark, ok bool
	}{{"15;0", true, true}, {"0;15", false, true}, {"0;default;7", false, true}, {"", false, false}, {"x", false, false}} {
		dark, ok := fromCOLORFGBG(c.in)
		if dark != c.dark || ok != c.ok {
			t.Errorf("fromCOLORFGBG(%q) = %v, %v", c.in, dark, ok)
		}
	}
}

func TestCursorReport(t *testing.T) {
	if !cursorReport("\x1b]11;rgb:0/0/0\a\x1b[12;40R") || cursorReport("\x1b[12;4") || cursorReport("\x1b[?1;2c") {
		t.Error("cursorReport")
	}
}
