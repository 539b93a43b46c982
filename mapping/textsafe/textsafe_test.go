package textsafe

import (
	"encoding/json"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTerminal(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"customer_id", "customer_id"},
		{"Straße ✓ 日本", "Straße ✓ 日本"},
		{"\x1b]0;pwned\a", "‹U+001B›]0;pwned‹U+0007›"},
		{"x\x1b[?1049ly", "x‹U+001B›[?1049ly"},
		{"a\rb\bc", "a‹U+000D›b‹U+0008›c"},
		{"line\nnext\ttab", "line‹U+000A›next‹U+0009›tab"},
		{"\u202Eevil", "‹U+202E›evil"},
		{"a\u2066b\u2069c\u200Ed\u200Fe\u061Cf", "a‹U+2066›b‹U+2069›c‹U+200E›d‹U+200F›e‹U+061C›f"},
		{"\u202A\u202B\u202C\u202D", "‹U+202A›‹U+202B›‹U+202C›‹U+202D›"},
		{"zero\u200Bwidth\uFEFF", "zero‹U+200B›width‹U+FEFF›"},
		{"sep\u2028par\u2029", "sep‹U+2028›par‹U+2029›"},
		{"c1\u009bm", "c1‹U+009B›m"},
		{"bad\xffutf8", "bad‹U+FFFD›utf8"},
		{"nul\x00", "nul‹U+0000›"},
		{"Jo\u200bhn", "Jo‹U+200B›hn"},
		{"José 👍", "José 👍"},
		{"ok 👍🏽", "ok 👍‹U+1F3FD›"},
		{"\ufeffBOM", "‹U+FEFF›BOM"},
	} {
		if got := Terminal(c.in); got != c.want {
			t.Errorf("Terminal(%q) = %q, want %q", c.in, got, c.want)
		}
		if Safe(c.in) != (c.in == c.want) {
			t.Errorf("Safe(%q) = %v", c.in, Safe(c.in))
		}
	}
}

func TestMarkdown(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"total", "total"},
		{"![t](http://tracker/p.png)", `\!\[t\](http\://tracker/p.png)`},
		{"[click](javascript:alert(1))", `\[click\](javascript:alert(1))`},
		{"<img src=x onerror=alert(1)>", `\<img src=x onerror=alert(1)\>`},
		{"a|b", `a\|b`},
		{"**bold** _em_ `code` ~~s~~", "\\*\\*bold\\*\\* \\_em\\_ \\`code\\` \\~\\~s\\~\\~"},
		{"# heading", `\# heading`},
		{"see www.example.com, WWW.x.org", `see www\.example.com, WWW\.x.org`},
		{"a&amp;b $x$ @user", `a\&amp;b \$x\$ \@user`},
		{"line\nbreak", "line‹U+000A›break"},
		{`back\slash`, `back\\slash`},
		{"- item", `\- item`},
		{"+1", `\+1`},
		{"===", `\===`},
		{"12. twelve", `12\. twelve`},
		{"3) three", `3\) three`},
		{"plain prose: a, b (c); d. e/f? g'h\"i\"", "plain prose: a, b (c); d. e/f? g'h\"i\""},
		{"code-like zip", "code-like zip"},
	} {
		if got := Markdown(c.in); got != c.want {
			t.Errorf("Markdown(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"a|b", "`a\\|b`"},
		{"x`y", "``x`y``"},
		{"`x", "`` `x ``"},
		{"\x1b[2J", "`‹U+001B›[2J`"},
	} {
		if got := MarkdownCode(c.in); got != c.want {
			t.Errorf("MarkdownCode(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// naughty reads the Big List of Naughty Strings embedded in synth/edge.
func naughty(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("../../synth/edge/blns.json")
	if err != nil {
		t.Fatal(err)
	}
	var list []string
	if err := json.Unmarshal(b, &list); err != nil {
		t.Fatal(err)
	}
	if len(list) < 500 {
		t.Fatalf("only %d naughty strings", len(list))
	}
	return list
}

var escaped = regexp.MustCompile(`‹U\+([0-9A-F]{4,6})›`)

// TestTerminalNaughtyStrings: over every naughty string, Terminal leaves no
// character a terminal would act on, and nothing is lost: decoding the
// ‹U+XXXX› marks gives back the string (invalid UTF-8 as U+FFFD).
func TestTerminalNaughtyStrings(t *testing.T) {
	for _, s := range naughty(t) {
		got := Terminal(s)
		for _, r := range got {
			if NeedsEscape(r) {
				t.Fatalf("Terminal(%q) = %q keeps %U", s, got, r)
			}
		}
		back := escaped.ReplaceAllStringFunc(got, func(m string) string {
			n, _ := strconv.ParseUint(escaped.FindStringSubmatch(m)[1], 16, 32)
			return string(rune(n))
		})
		if want := strings.ToValidUTF8(s, "\uFFFD"); !strings.Contains(s, "‹U+") && back != want {
			t.Errorf("Terminal(%q) = %q: decodes to %q", s, got, back)
		}
	}
}

// TestMarkdownNaughtyStrings: over every naughty string, Markdown leaves
// no character that opens markup unescaped, no bare-URL autolink, no
// control character, and removing the escapes gives Terminal's text back.
func TestMarkdownNaughtyStrings(t *testing.T) {
	for _, s := range naughty(t) {
		got := Markdown(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Markdown(%q) is not UTF-8", s)
		}
		var plain strings.Builder
		escapedAt := map[int]bool{}
		for i := 0; i < len(got); i++ {
			c := got[i]
			if c == '\\' && i+1 < len(got) {
				escapedAt[plain.Len()] = true
				plain.WriteByte(got[i+1])
				i++
				continue
			}
			if strings.IndexByte("\\`*_~[]<>!|&#$@", c) >= 0 {
				t.Fatalf("Markdown(%q) = %q: unescaped %q at %d", s, got, c, i)
			}
			if c < 0x20 || c == 0x7f {
				t.Fatalf("Markdown(%q) = %q: control byte %#x", s, got, c)
			}
			plain.WriteByte(c)
		}
		p := plain.String()
		if p != Terminal(s) {
			t.Errorf("Markdown(%q) = %q: unescapes to %q", s, got, p)
		}
		for i := 0; i+3 <= len(p); i++ {
			if p[i:i+3] == "://" && !escapedAt[i] {
				t.Errorf("Markdown(%q) = %q: bare URL autolink", s, got)
			}
			if i >= 3 && p[i] == '.' && strings.EqualFold(p[i-3:i], "www") && !escapedAt[i] {
				t.Errorf("Markdown(%q) = %q: bare www autolink", s, got)
			}
		}
		code := MarkdownCode(s)
		if strings.ContainsAny(code, "\n\r\x1b") || strings.Contains(strings.ReplaceAll(code, `\|`, ""), "|") {
			t.Errorf("MarkdownCode(%q) = %q", s, code)
		}
	}
}

func TestRendered(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain\nlines", "plain\nlines"},
		{"\x1b[1;38;2;90;63;192mseam\x1b[0m\nx", "\x1b[1;38;2;90;63;192mseam\x1b[0m\nx"},
		{"a\x1b]0;title\ab", "a‹U+001B›]0;title‹U+0007›b"},
		{"\x1b[?1049l", "‹U+001B›[?1049l"},
		{"\x1b[2J\x1b[H", "‹U+001B›[2J‹U+001B›[H"},
		{"over\rwrite\b", "over‹U+000D›write‹U+0008›"},
		{"\u202Eabc\x1b[", "‹U+202E›abc‹U+001B›["},
	} {
		if got := Rendered(c.in); got != c.want {
			t.Errorf("Rendered(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, s := range naughty(t) {
		got := Rendered(s)
		for i := 0; i < len(got); i++ {
			if got[i] == 0x1b && sgrLen(got[i:]) == 0 {
				t.Fatalf("Rendered(%q) = %q keeps a non-SGR escape", s, got)
			}
		}
	}
}
