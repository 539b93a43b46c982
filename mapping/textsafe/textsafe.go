// Package textsafe makes text that comes from data (field names,
// descriptions, values, file names) safe to show: Terminal for a terminal
// or a plain-text report, Markdown and MarkdownCode for Markdown documents.
//
// A schema or a data file is untrusted input: a field named
// "\x1b]0;pwned\a" would retitle the terminal, "\x1b[?1049l" would leave
// the TUI's alternate screen, a carriage return or backspace would
// overwrite what was printed before it, and a bidi override (U+202E)
// would show text in an order other than its bytes. Terminal shows every
// such character as a visible ‹U+XXXX› instead, so nothing hidden reaches
// the terminal and nothing is silently dropped. JSON output does not need
// this: JSON escapes control characters itself and must stay exact.
//
// Both the CLI (cmd/seam, the report writers in mapping/check) and the TUI
// use this package: it is the one sanitizer.
package textsafe

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// NeedsEscape reports whether r is shown as ‹U+XXXX› by Terminal: control
// characters (C0, DEL, C1: ESC, CR, BS, BEL, NUL, TAB, newline...), format
// characters (Unicode category Cf: bidi embeddings and overrides U+202A-202E,
// isolates U+2066-2069, marks U+200E/U+200F/U+061C, zero-width spaces and
// joiners, the BOM), line and paragraph separators (U+2028, U+2029),
// invalid UTF-8 (shown as U+FFFD), and the emoji modifiers and variation
// selectors whose width terminals disagree on, which would shift the
// columns after them.
func NeedsEscape(r rune) bool {
	return r == utf8.RuneError || unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) ||
		r == 0x2028 || r == 0x2029 ||
		(r >= 0x1F3FB && r <= 0x1F3FF) || r == 0xFE0E || r == 0xFE0F
}

// Terminal returns s with every character NeedsEscape reports shown as
// ‹U+XXXX› (for example ESC as ‹U+001B›, a newline as ‹U+000A›). Text
// without such characters is returned unchanged.
func Terminal(s string) string {
	i := unsafeIndex(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if NeedsEscape(r) {
			fmt.Fprintf(&b, "‹U+%04X›", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// unsafeIndex is the byte offset of the first character Terminal
// escapes, or -1.
func unsafeIndex(s string) int {
	for i, r := range s {
		if r < 0x20 || r >= 0x7f {
			if NeedsEscape(r) {
				return i
			}
		}
	}
	return -1
}

// Safe reports whether Terminal would return s unchanged.
func Safe(s string) bool { return unsafeIndex(s) < 0 }

// Rendered is Terminal for a screen that already holds the program's own
// styling: line breaks and SGR colour sequences (ESC [ digits;… m) pass,
// every other character NeedsEscape reports is shown as ‹U+XXXX›. The TUI
// applies it to every frame as a last line of defence behind Terminal on
// each name and value, so no title change, screen switch, cursor move,
// carriage return or backspace can reach the terminal from data.
func Rendered(s string) string {
	if Safe(strings.ReplaceAll(s, "\n", "")) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		c := s[i]
		if c == '\n' {
			b.WriteByte(c)
			i++
			continue
		}
		if c == 0x1b {
			if n := sgrLen(s[i:]); n > 0 {
				b.WriteString(s[i : i+n])
				i += n
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if NeedsEscape(r) {
			fmt.Fprintf(&b, "‹U+%04X›", r)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// sgrLen is the length of the SGR sequence s starts with, or 0.
func sgrLen(s string) int {
	if len(s) < 3 || s[0] != 0x1b || s[1] != '[' {
		return 0
	}
	for i := 2; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9', c == ';', c == ':':
		case c == 'm':
			return i + 1
		default:
			return 0
		}
	}
	return 0
}
